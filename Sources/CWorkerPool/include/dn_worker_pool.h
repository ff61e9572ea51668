#ifndef DELTANN_WORKER_POOL_H
#define DELTANN_WORKER_POOL_H

#include <stdbool.h>

/// A process's persistent worker threads for the interpreter's parallel loops.
///
/// `dn_pool_run` hands out the indices 0..<chunks of one job: the caller and the workers each
/// claim the next unclaimed index until none is left, and the call returns when every claimed
/// index has run. Which thread runs an index never changes what it computes (the caller fixes
/// the ranges), so results do not depend on scheduling. A worker that is not running when the
/// job starts simply claims nothing: the caller never waits for a thread that has no work.
///
/// Between jobs a worker spins (with the CPU's pause hint) for `spin_microseconds`, so the next
/// loop of the same run starts without a wake-up; after that it sleeps on a condition variable.
typedef struct dn_pool dn_pool;

/// One index of a job; `context` is the caller's.
typedef void (*dn_pool_body)(void *context, long index);

/// A pool of `workers` threads (0 runs every job on the caller). NULL when threads cannot start.
dn_pool *dn_pool_create(int workers, long spin_microseconds);

/// Runs `body(context, i)` for every i in 0..<chunks on the caller and the workers; returns
/// when all have run. Returns false, running nothing, when the pool is busy with another job
/// (another thread's, or the caller's own from inside a body): the caller then runs the loop
/// itself.
bool dn_pool_run(dn_pool *pool, long chunks, dn_pool_body body, void *context);

/// The number of worker threads (the caller not counted).
int dn_pool_workers(const dn_pool *pool);

/// Stops and joins the workers; the pool must be idle.
void dn_pool_destroy(dn_pool *pool);

#endif
