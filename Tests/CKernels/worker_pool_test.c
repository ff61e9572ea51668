// The worker pool's own test (Sources/CWorkerPool), natively and under qemu-user: every index of
// every job runs exactly once and before dn_pool_run returns, with workers spinning or asleep,
// a nested or concurrent job is refused rather than deadlocking, and the pool stops cleanly.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dn_worker_pool.h"

#define MAX_CHUNKS 64

static int failures = 0;
#define CHECK(cond, ...)                                      \
  do {                                                        \
    if (!(cond)) {                                            \
      failures++;                                             \
      fprintf(stderr, "worker_pool_test: FAIL %s:%d: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                           \
      fprintf(stderr, "\n");                                  \
    }                                                         \
  } while (0)

typedef struct {
  _Atomic int runs[MAX_CHUNKS];
  dn_pool *pool;
  _Atomic int nested_refused;
} job;

static void count(void *context, long index) {
  job *j = context;
  atomic_fetch_add(&j->runs[index], 1);
}

static void nested(void *context, long index) {
  job *j = context;
  atomic_fetch_add(&j->runs[index], 1);
  job inner;
  memset(&inner, 0, sizeof inner);
  if (!dn_pool_run(j->pool, 4, count, &inner)) atomic_fetch_add(&j->nested_refused, 1);
}

static void sleep_microseconds(long us) {
  struct timespec t = {us / 1000000, (us % 1000000) * 1000};
  nanosleep(&t, NULL);
}

// Runs one job of `chunks` on `pool` (on the caller alone when the pool refuses it) and checks
// that each index ran once.
static void run_and_check(dn_pool *pool, long chunks, const char *what) {
  job j;
  memset(&j, 0, sizeof j);
  if (!dn_pool_run(pool, chunks, count, &j)) {
    for (long i = 0; i < chunks; i++) count(&j, i);
  }
  for (long i = 0; i < MAX_CHUNKS; i++) {
    int expected = i < chunks ? 1 : 0;
    int runs = atomic_load(&j.runs[i]);
    if (runs != expected) {
      CHECK(0, "%s: %ld chunks, index %ld ran %d times", what, chunks, i, runs);
      return;
    }
  }
}

typedef struct {
  dn_pool *pool;
  unsigned seed;
} caller;

static void *concurrent_caller(void *argument) {
  caller *c = argument;
  for (int k = 0; k < 3000; k++) run_and_check(c->pool, 1 + (long)(rand_r(&c->seed) % MAX_CHUNKS), "concurrent callers");
  return NULL;
}

int main(void) {
  for (int workers = 0; workers <= 3; workers++) {
    dn_pool *pool = dn_pool_create(workers, 200);
    CHECK(pool != NULL, "dn_pool_create(%d) failed", workers);
    if (!pool) continue;
    CHECK(dn_pool_workers(pool) == workers, "%d workers reported as %d", workers, dn_pool_workers(pool));
    unsigned seed = 7u + (unsigned)workers;
    // Back to back: the workers spin between jobs.
    for (int k = 0; k < 20000; k++) run_and_check(pool, 1 + (long)(rand_r(&seed) % MAX_CHUNKS), "back to back");
    // Apart: the workers have gone to sleep and must be woken.
    for (int k = 0; k < 20; k++) {
      sleep_microseconds(1000 + 300 * k);
      run_and_check(pool, 2 + k, "after sleeping");
    }
    // A job started from inside a job is refused, and the outer one still completes.
    job j;
    memset(&j, 0, sizeof j);
    j.pool = pool;
    CHECK(dn_pool_run(pool, 8, nested, &j), "an idle pool refused a job");
    for (int i = 0; i < 8; i++) CHECK(atomic_load(&j.runs[i]) == 1, "nested: index %d ran %d times", i, atomic_load(&j.runs[i]));
    CHECK(atomic_load(&j.nested_refused) == 8, "nested jobs refused %d of 8 times", atomic_load(&j.nested_refused));
    // Two threads share the pool: each job runs on the pool or, refused, on its caller.
    pthread_t threads[2];
    caller callers[2] = {{pool, 1}, {pool, 2}};
    for (int t = 0; t < 2; t++) pthread_create(&threads[t], NULL, concurrent_caller, &callers[t]);
    for (int t = 0; t < 2; t++) pthread_join(threads[t], NULL);
    dn_pool_destroy(pool);
  }
  if (failures) {
    fprintf(stderr, "worker_pool_test: %d failure(s)\n", failures);
    return 1;
  }
  printf("worker_pool_test: ok (0 to 3 workers; back to back, after sleeping, nested, two callers)\n");
  return 0;
}
