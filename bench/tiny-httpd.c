/* Minimal HTTP/1.1 responder for bench/dnat-vs-proxy.sh: one process per connection, keep-alive,
 * a fixed 13-byte body. Fast enough that the path under test (DNAT vs a userland proxy), not the
 * server, dominates. Not for anything but that benchmark. */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char RESP[] = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nhello, niso!\n";

static void serve(int c) {
    char buf[16384];
    size_t have = 0;
    for (;;) {
        ssize_t n = read(c, buf + have, sizeof buf - have - 1);
        if (n <= 0) return;
        have += (size_t) n;
        buf[have] = 0;
        char *end;
        while ((end = strstr(buf, "\r\n\r\n")) != NULL) {
            int close_after = strstr(buf, "onnection: close") != NULL && strstr(buf, "onnection: close") < end;
            if (write(c, RESP, sizeof RESP - 1) < 0) return;
            size_t used = (size_t) (end + 4 - buf);
            memmove(buf, buf + used, have - used + 1);
            have -= used;
            if (close_after) return;
        }
        if (have >= sizeof buf - 1) return;
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 80;
    signal(SIGCHLD, SIG_IGN);
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short) port)};
    if (bind(s, (struct sockaddr *) &a, sizeof a) || listen(s, 1024)) { perror("bind/listen"); return 1; }
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        if (fork() == 0) { close(s); serve(c); _exit(0); }
        close(c);
    }
}
