/* The rig's witness for stalls of the guest itself. One SCHED_FIFO 99 thread per CPU, pinned,
 * wakes every 2 ms on an absolute deadline and notes every wake-up later than 20 ms. Nothing in
 * the guest outranks it, so a late wake-up means that CPU did not run at all: under TCG on a
 * busy host, the emulator's thread was descheduled. A gap in the audio during such a stall is
 * the host's, not the firmware's (which must still count it as an xrun).
 *
 * Usage: stall-probe OUTPUT  (runs until SIGINT or SIGTERM, then writes OUTPUT:
 *        "stall cpu=N at=SECONDS ms=MILLISECONDS" per stall, then "max_stall_ms N") */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define TICK_NS 2000000L
#define STALL_NS 20000000L
#define MAX_STALLS 256

struct stall { int cpu; double at, ms; };
static struct stall stalls[MAX_STALLS];
static int stall_count;
static pthread_mutex_t stalls_lock = PTHREAD_MUTEX_INITIALIZER;

static long long ns(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

static void *watch(void *arg)
{
    int cpu = (int)(long)arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    struct sched_param param = { .sched_priority = 99 };
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
    struct timespec next, now;
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (;;) {
        long long due = ns(&next) + TICK_NS;
        next.tv_sec = due / 1000000000LL;
        next.tv_nsec = due % 1000000000LL;
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long late = ns(&now) - due;
        if (late < STALL_NS) continue;
        pthread_mutex_lock(&stalls_lock);
        if (stall_count < MAX_STALLS) stalls[stall_count++] = (struct stall){ cpu, ns(&now) / 1e9, late / 1e6 };
        pthread_mutex_unlock(&stalls_lock);
        next = now; /* one stall is one record, not one per missed tick */
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: stall-probe OUTPUT\n"); return 2; }
    mlockall(MCL_CURRENT | MCL_FUTURE);
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    for (long cpu = 0; cpu < cpus; cpu++) {
        pthread_t thread;
        pthread_create(&thread, NULL, watch, (void *)cpu);
    }
    int signal_number;
    sigwait(&stop, &signal_number);
    pthread_mutex_lock(&stalls_lock);
    FILE *out = fopen(argv[1], "w");
    if (!out) return 1;
    double worst = 0;
    for (int i = 0; i < stall_count; i++) {
        fprintf(out, "stall cpu=%d at=%.3f ms=%.1f\n", stalls[i].cpu, stalls[i].at, stalls[i].ms);
        if (stalls[i].ms > worst) worst = stalls[i].ms;
    }
    fprintf(out, "max_stall_ms %.0f\n", worst);
    return fclose(out) != 0;
}
