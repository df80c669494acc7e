/*
 * colo-tcg-wait: an LD_PRELOAD library that keeps QEMU 7.2's COLO primary from deadlocking under TCG.
 *
 * Why (docs/colo-behaviour.md, "TCG"): the COLO thread saves the live state without holding QEMU's big lock. Under
 * TCG that reaches run_on_cpu(), which waits on a condition variable with a mutex the thread does not own. glibc
 * returns from that wait holding the mutex, QEMU's bookkeeping says it does not, and the thread's next lock of the
 * big lock deadlocks on itself.
 *
 * What this does: pthread_cond_wait() by a thread that owns the mutex (every correct call) goes straight to glibc,
 * after remembering which condition variables are waited on with which mutex. A call by a thread that does not own
 * the mutex takes it briefly, broadcasts every condition variable seen waiting with it (the vCPU's halt condition
 * among them: the work item was queued and the vCPU kicked without the lock, so that kick can be lost), releases it,
 * sleeps 1 ms and returns 0 without the mutex, as it was called. POSIX allows a spurious wake-up, and run_on_cpu()
 * re-checks its flag in a loop, so the caller simply asks again.
 *
 * Only the lab's QEMUs load it (org.coloconsole.lab.TcgWaitShim); it is built by `mvn compile` (pom.xml, "native").
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAIRS 128

struct wait_pair {
    _Atomic(pthread_cond_t *) cond;
    _Atomic(pthread_mutex_t *) mutex;
};

static struct wait_pair pairs[MAX_PAIRS];
static atomic_int pair_count;

typedef int (*cond_wait_fn)(pthread_cond_t *, pthread_mutex_t *);

static cond_wait_fn real_cond_wait(void)
{
    static _Atomic(cond_wait_fn) real;
    cond_wait_fn fn = atomic_load_explicit(&real, memory_order_acquire);
    if (fn == NULL) {
        /* the versioned symbol: the unversioned lookup may find glibc's 2.2.5 compatibility wrapper */
        fn = (cond_wait_fn) dlvsym(RTLD_NEXT, "pthread_cond_wait", "GLIBC_2.3.2");
        if (fn == NULL) {
            fn = (cond_wait_fn) dlsym(RTLD_NEXT, "pthread_cond_wait");
        }
        atomic_store_explicit(&real, fn, memory_order_release);
    }
    return fn;
}

/* glibc records the owner's thread id in every mutex it locks, whatever the mutex's type. */
static int owned_by_caller(const pthread_mutex_t *mutex)
{
    return mutex->__data.__owner == gettid();
}

static void remember(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
    int count = atomic_load_explicit(&pair_count, memory_order_acquire);
    for (int i = 0; i < count; i++) {
        if (atomic_load_explicit(&pairs[i].cond, memory_order_acquire) == cond
                && atomic_load_explicit(&pairs[i].mutex, memory_order_acquire) == mutex) {
            return;
        }
    }
    int slot = atomic_fetch_add(&pair_count, 1);
    if (slot >= MAX_PAIRS) {
        atomic_store(&pair_count, MAX_PAIRS);
        return;
    }
    /* the mutex is written last: a reader that sees it also sees the condition variable */
    atomic_store_explicit(&pairs[slot].cond, cond, memory_order_release);
    atomic_store_explicit(&pairs[slot].mutex, mutex, memory_order_release);
}

static void wake_waiters_of(pthread_mutex_t *mutex)
{
    int count = atomic_load_explicit(&pair_count, memory_order_acquire);
    if (count > MAX_PAIRS) {
        count = MAX_PAIRS;
    }
    for (int i = 0; i < count; i++) {
        if (atomic_load_explicit(&pairs[i].mutex, memory_order_acquire) == mutex) {
            pthread_cond_t *cond = atomic_load_explicit(&pairs[i].cond, memory_order_acquire);
            if (cond != NULL) {
                pthread_cond_broadcast(cond);
            }
        }
    }
}

int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
    if (owned_by_caller(mutex)) {
        remember(cond, mutex);
        return real_cond_wait()(cond, mutex);
    }
    if (pthread_mutex_lock(mutex) == 0) {
        wake_waiters_of(mutex);
        pthread_mutex_unlock(mutex);
    }
    struct timespec pause = { .tv_sec = 0, .tv_nsec = 1000 * 1000 };
    while (nanosleep(&pause, &pause) == -1 && errno == EINTR) {
    }
    return 0;
}
