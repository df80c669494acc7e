package org.coloconsole.engine;

import java.nio.file.Path;
import org.coloconsole.colo.Claim;

/**
 * A second console process for {@link PairLockTest}: takes the pair's lock, says so on stdout, and holds it until its
 * stdin closes.
 */
public final class PairLockChild {
    private PairLockChild() {
    }

    public static void main(String[] args) throws Exception {
        Claim me = new Claim("lock-host", "child", ProcessHandle.current().pid(), "2026-12-02T13:00:00Z", "child");
        PairLocks locks = new PairLocks();
        PairLock.Attempt attempt = locks.tryAcquire(Path.of(args[0]), me);
        System.out.println(attempt.lock().isPresent() ? "LOCKED" : "REFUSED " + attempt.refusal());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the lock until the parent closes our stdin
        }
        attempt.lock().ifPresent(PairLock::close);
    }
}
