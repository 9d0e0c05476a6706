/* A tiny static HTTP server for the activation tests: answers every request with "static <APP_VERSION>". */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    const char *version = getenv("APP_VERSION");
    const char *port = getenv("PORT");
    const char *delay = getenv("START_DELAY"); /* seconds before listening: a slow starter for the kill tests */
    if (delay) sleep((unsigned) atoi(delay));
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons(port ? atoi(port) : 9090);
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(s, (struct sockaddr *) &a, sizeof a) != 0 || listen(s, 16) != 0) {
        perror("bind/listen");
        return 1;
    }
    printf("static-web %s listening\n", version ? version : "?");
    fflush(stdout);
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        char buf[2048];
        (void) read(c, buf, sizeof buf);
        char body[128];
        int n = snprintf(body, sizeof body, "static %s\n", version ? version : "?");
        char head[256];
        int h = snprintf(head, sizeof head, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n", n);
        (void) write(c, head, h);
        (void) write(c, body, n);
        close(c);
    }
}
