/*
 * Escape probes for niso services: run as the ExecStart= of a generated unit and report, one
 * line per probe, whether a way out of the sandbox is BLOCKED or ALLOWED. Exit status = number of
 * ALLOWED probes, so a unit under the default preset must exit 0.
 *
 * Build: gcc -static -O2 -o escape-probe escape-probe.c   (static: the rootfs has no libc)
 *
 * Every probe is harmless when it succeeds (it must be safe to run under preset "none", as root,
 * without a PID namespace): the hostname and clock are set to their current values, ptrace uses
 * PTRACE_SEIZE (does not stop the target) and detaches, reboot() is called without the magic
 * numbers (the kernel checks CAP_SYS_BOOT first: EPERM = blocked, EINVAL = allowed), the module
 * probe passes an invalid fd (EPERM = blocked, EBADF = allowed), mounts and nodes are undone.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int allowed;

static void report(const char *name, int ok, int err) {
    if (ok) {
        allowed++;
        printf("probe %-28s ALLOWED\n", name);
    } else {
        printf("probe %-28s BLOCKED (%s)\n", name, strerror(err));
    }
}

/* Evaluate the call before reading errno: C leaves argument evaluation order unspecified. */
#define PROBE(name, expr) do { errno = 0; int ok_ = (expr); report((name), ok_, errno); } while (0)

/* The host's /root has dotfiles; a rootfs has at most an empty /root (ProtectHome= creates one). */
static void root_home_probe(void) {
    DIR *d = opendir("/root");
    if (!d) {
        report("list-host-root-home", 0, errno);
        return;
    }
    int entries = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) entries++;
    }
    closedir(d);
    printf("probe %-28s %s (%d entries)\n", "list-host-root-home", entries ? "ALLOWED" : "BLOCKED", entries);
    if (entries) allowed++;
}

/* unshare(CLONE_NEWUSER) would drop this process's capabilities for every later probe: use a child. */
static void userns_probe(void) {
    pid_t pid = fork();
    if (pid == 0) _exit(unshare(CLONE_NEWUSER) == 0 ? 0 : errno);
    int status = 0;
    waitpid(pid, &status, 0);
    int err = WIFEXITED(status) ? WEXITSTATUS(status) : EINTR;
    report("unshare-user-namespace", err == 0, err);
}

static void open_probe(const char *name, const char *path, int flags) {
    int fd = open(path, flags | O_CLOEXEC, 0600);
    report(name, fd >= 0, errno);
    if (fd >= 0) {
        close(fd);
        if (flags & O_CREAT) unlink(path);
    }
}

static void first_block_device(char *out, size_t n) {
    /* Any block device node visible to the service counts; PrivateDevices= should leave none. */
    DIR *d = opendir("/dev");
    struct dirent *e;
    snprintf(out, n, "/dev/sda");
    if (!d) return;
    while ((e = readdir(d))) {
        char p[300];
        struct stat st;
        snprintf(p, sizeof p, "/dev/%s", e->d_name);
        if (stat(p, &st) == 0 && S_ISBLK(st.st_mode)) { snprintf(out, n, "%s", p); break; }
    }
    closedir(d);
}

int main(void) {
    printf("uid=%d euid=%d pid=%d\n", getuid(), geteuid(), getpid());

    open_probe("read-host-shadow", "/etc/shadow", O_RDONLY);
    root_home_probe();
    open_probe("write-usr", "/usr/niso-probe", O_WRONLY | O_CREAT);
    open_probe("write-app", "/app/niso-probe", O_WRONLY | O_CREAT);
    open_probe("write-rootfs", "/niso-probe", O_WRONLY | O_CREAT);

    char blk[300];
    first_block_device(blk, sizeof blk);
    open_probe("open-block-device", blk, O_RDONLY);
    open_probe("open-dev-mem", "/dev/mem", O_RDONLY);
    open_probe("open-kmsg", "/dev/kmsg", O_RDONLY);

    /* Host processes: with ProtectProc=invisible only our own uid's processes are listed. */
    int foreign = 0;
    DIR *proc = opendir("/proc");
    struct dirent *e;
    while (proc && (e = readdir(proc))) {
        char p[300];
        struct stat st;
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        snprintf(p, sizeof p, "/proc/%s", e->d_name);
        if (stat(p, &st) == 0 && st.st_uid != geteuid()) foreign++;
    }
    if (proc) closedir(proc);
    printf("probe %-28s %s (%d foreign processes visible)\n", "see-host-pids", foreign ? "ALLOWED" : "BLOCKED",
           foreign);
    if (foreign) allowed++;

    errno = 0;
    int ok = mount("none", "/tmp", "tmpfs", 0, NULL) == 0;
    report("mount-tmpfs", ok, errno);
    if (ok) umount("/tmp");
    errno = 0;
    ok = ptrace(PTRACE_SEIZE, 1, NULL, NULL) == 0;
    report("ptrace-pid1", ok, errno);
    if (ok) ptrace(PTRACE_DETACH, 1, NULL, NULL);
    errno = 0;
    ok = syscall(SYS_finit_module, -1, "", 0) == 0 || errno == EBADF;
    report("load-kernel-module", ok, errno);
    errno = 0;
    int s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    report("raw-socket", s >= 0, errno);
    if (s >= 0) close(s);
    errno = 0;
    s = socket(AF_PACKET, SOCK_RAW, 0);
    report("packet-socket", s >= 0, errno);
    if (s >= 0) close(s);
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    PROBE("sethostname", sethostname(host, strlen(host)) == 0);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    PROBE("settimeofday", settimeofday(&tv, NULL) == 0);
    userns_probe();
    PROBE("setuid-root", setuid(0) == 0);
    errno = 0;
    ok = mknod("/tmp/niso-probe-null", S_IFCHR | 0666, makedev(1, 3)) == 0;
    report("mknod-char-device", ok, errno);
    if (ok) unlink("/tmp/niso-probe-null");
    errno = 0;
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    report("write-exec-memory", m != MAP_FAILED, errno);
    errno = 0;
    ok = syscall(SYS_reboot, 0, 0, 0, NULL) == 0 || errno == EINVAL;
    report("reboot", ok, errno);

    printf("allowed=%d\n", allowed);
    return allowed;
}
