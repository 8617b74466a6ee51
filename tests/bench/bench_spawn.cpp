// Benchmark helper (not a test): runs one program and reports its wall time and peak RSS on a
// file descriptor of its own — for measure.py, which cannot measure the peak RSS of a child
// itself: the kernel's ru_maxrss keeps the high-water mark of the memory a process had before it
// called exec, and a child of Python starts out as a copy of Python (~15 MiB). A child of this
// small program starts out small, so ru_maxrss is the program's own (plus a floor that
// `bench_spawn /bin/true` shows).
//
//   bench_spawn PROGRAM [ARGS...]     3> result     (stdin, stdout, stderr are the program's)
//   result: "wall_ns <n> maxrss_kib <n> exit <code>"; bench_spawn exits with the program's code.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace {
constexpr int kResultFd = 3;

long long nowNs()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1'000'000'000LL + t.tv_nsec;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_spawn PROGRAM [ARGS...] 3> result\n");
        return 2;
    }
    const long long start = nowNs();
    const pid_t child = fork(); // not vfork: the child must not share (and be charged for) this memory
    if (child == 0) {
        close(kResultFd);
        execvp(argv[1], argv + 1);
        std::fprintf(stderr, "bench_spawn: %s: %s\n", argv[1], std::strerror(errno));
        _exit(127);
    }
    if (child < 0)
        return 126;
    int status = 0;
    rusage usage{};
    while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    const long long wallNs = nowNs() - start;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    dprintf(kResultFd, "wall_ns %lld maxrss_kib %ld exit %d\n", wallNs, usage.ru_maxrss, code);
    return code;
}
