#define _GNU_SOURCE
#include "dn_worker_pool.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

// The job's ticket: the generation in the high 32 bits, the next unclaimed index in the low 32.
// CLOSED in the index means the caller is still filling in the job's fields.
#define INDEX_MASK 0xffffffffull
#define CLOSED 0xffffffffull

struct dn_pool {
  _Atomic uint64_t ticket;
  _Atomic long done;
  // The job's fields: written between the CLOSED and the open ticket, read by a worker before
  // its claim, which fails if the ticket moved on (every access is sequentially consistent).
  _Atomic(dn_pool_body) body;
  _Atomic(void *) context;
  _Atomic long chunks;
  _Atomic bool busy;
  _Atomic bool stopping;
  _Atomic int sleepers;  // changed under `lock` only
  pthread_mutex_t lock;
  pthread_cond_t wake;
  long spin_nanoseconds;
  int workers;
  int started;
  pthread_t threads[];
};

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

static inline uint32_t generation(uint64_t ticket) { return (uint32_t)(ticket >> 32); }

static long now_nanoseconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

// Claims and runs indices of generation `gen` until none is left or the job is over.
static void run_claims(dn_pool *pool, uint32_t gen) {
  uint64_t ticket = atomic_load(&pool->ticket);
  if (generation(ticket) != gen || (ticket & INDEX_MASK) == CLOSED) return;
  dn_pool_body body = atomic_load(&pool->body);
  void *context = atomic_load(&pool->context);
  long chunks = atomic_load(&pool->chunks);
  for (;;) {
    if (generation(ticket) != gen) return;
    long index = (long)(ticket & INDEX_MASK);
    if (index >= chunks) return;
    if (atomic_compare_exchange_weak(&pool->ticket, &ticket, ticket + 1)) {
      body(context, index);
      atomic_fetch_add(&pool->done, 1);
      ticket = atomic_load(&pool->ticket);
    }
  }
}

// Waits until the ticket leaves generation `seen` and is open; false when the pool stops.
static bool wait_for_job(dn_pool *pool, uint32_t seen) {
  long start = now_nanoseconds();
  for (unsigned spins = 1;; spins++) {
    if (atomic_load(&pool->stopping)) return false;
    uint64_t ticket = atomic_load(&pool->ticket);
    if (generation(ticket) != seen && (ticket & INDEX_MASK) != CLOSED) return true;
    cpu_relax();
    if (spins % 64 == 0 && now_nanoseconds() - start > pool->spin_nanoseconds) break;
  }
  pthread_mutex_lock(&pool->lock);
  atomic_fetch_add(&pool->sleepers, 1);
  while (!atomic_load(&pool->stopping) && generation(atomic_load(&pool->ticket)) == seen) {
    pthread_cond_wait(&pool->wake, &pool->lock);
  }
  atomic_fetch_sub(&pool->sleepers, 1);
  pthread_mutex_unlock(&pool->lock);
  return !atomic_load(&pool->stopping);
}

static void *worker_main(void *argument) {
  dn_pool *pool = argument;
  uint32_t seen = generation(atomic_load(&pool->ticket));
  while (wait_for_job(pool, seen)) {
    // A job still being filled in is waited for by spinning: the caller is about to open it.
    uint64_t ticket;
    while (((ticket = atomic_load(&pool->ticket)) & INDEX_MASK) == CLOSED) cpu_relax();
    seen = generation(ticket);
    run_claims(pool, seen);
  }
  return NULL;
}

dn_pool *dn_pool_create(int workers, long spin_microseconds) {
  if (workers < 0) workers = 0;
  dn_pool *pool = calloc(1, sizeof(dn_pool) + (size_t)workers * sizeof(pthread_t));
  if (!pool) return NULL;
  atomic_init(&pool->ticket, 0);
  atomic_init(&pool->done, 0);
  atomic_init(&pool->body, NULL);
  atomic_init(&pool->context, NULL);
  atomic_init(&pool->chunks, 0);
  atomic_init(&pool->busy, false);
  atomic_init(&pool->stopping, false);
  atomic_init(&pool->sleepers, 0);
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pool->spin_nanoseconds = spin_microseconds * 1000L;
  pool->workers = workers;
  // Workers take no signals: they stay with the threads the program set up to handle them.
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  for (; pool->started < workers; pool->started++) {
    if (pthread_create(&pool->threads[pool->started], NULL, worker_main, pool) != 0) break;
  }
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  if (pool->started < workers) {
    dn_pool_destroy(pool);
    return NULL;
  }
  return pool;
}

bool dn_pool_run(dn_pool *pool, long chunks, dn_pool_body body, void *context) {
  if (chunks <= 0) return true;
  if (chunks > (long)(CLOSED - 1) || atomic_exchange(&pool->busy, true)) return false;
  uint32_t gen = generation(atomic_load(&pool->ticket)) + 1;
  atomic_store(&pool->ticket, ((uint64_t)gen << 32) | CLOSED);
  atomic_store(&pool->done, 0);
  atomic_store(&pool->body, body);
  atomic_store(&pool->context, context);
  atomic_store(&pool->chunks, chunks);
  atomic_store(&pool->ticket, (uint64_t)gen << 32);
  if (atomic_load(&pool->sleepers) > 0) {
    pthread_mutex_lock(&pool->lock);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
  }
  run_claims(pool, gen);
  // What is left was claimed by workers that are running it.
  for (unsigned spins = 1; atomic_load(&pool->done) < chunks; spins++) {
    cpu_relax();
    if (spins % 1024 == 0) sched_yield();
  }
  atomic_store(&pool->busy, false);
  return true;
}

int dn_pool_workers(const dn_pool *pool) { return pool->workers; }

void dn_pool_destroy(dn_pool *pool) {
  if (!pool) return;
  pthread_mutex_lock(&pool->lock);
  atomic_store(&pool->stopping, true);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->lock);
  for (int i = 0; i < pool->started; i++) pthread_join(pool->threads[i], NULL);
  pthread_mutex_destroy(&pool->lock);
  pthread_cond_destroy(&pool->wake);
  free(pool);
}
