package org.coloconsole.engine;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.coloconsole.colo.Claim;

/**
 * This process's pair locks. The kernel's file lock belongs to the process, not to a channel: if a second runbook of
 * the same process opened the held file and closed it again, even just to read the holder's name, the kernel would
 * drop the first runbook's lock and let another console in (PairLockTest shows it). So a second runbook in this
 * process is refused from this table, by the holder it remembers, without touching the file. One table per process:
 * {@link PairClaims} makes it once and the composition root makes {@link PairClaims} once.
 */
public final class PairLocks {
    private final ConcurrentMap<Path, Claim> held = new ConcurrentHashMap<>();

    /** Either the lock, or the sentence saying who holds it (a runbook of this process, or another console). */
    public PairLock.Attempt tryAcquire(Path file, Claim me) {
        Path key = file.toAbsolutePath().normalize();
        Claim holder = held.putIfAbsent(key, me);
        if (holder != null) {
            return PairLock.refused(file, holder.holder());
        }
        PairLock.Attempt attempt = PairLock.acquire(file, me, () -> held.remove(key));
        if (attempt.lock().isEmpty()) {
            held.remove(key);
        }
        return attempt;
    }
}
