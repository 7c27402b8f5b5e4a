package de.bwaldvogel.mongo.backend.h2;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The store-wide gate every collection write passes and a commit closes: writes pass together (a shared hold), a
 * commit waits for those under way and holds back new ones while H2 takes its version (an exclusive hold). One
 * read-write lock instead of every collection's monitor, which a commit took one after another, each after whatever
 * held it, a long query included, while holding back every collection it already had.
 */
final class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    <T> T pass(Supplier<T> write) {
        lock.readLock().lock();
        try {
            return write.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    void pass(Runnable write) {
        pass(() -> {
            write.run();
            return null;
        });
    }

    void closedWhile(Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
