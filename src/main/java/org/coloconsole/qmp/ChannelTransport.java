package org.coloconsole.qmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * UNIX-domain sockets, which Java 17 offers only as {@link SocketChannel}. The channel is used directly: the streams
 * from {@code Channels.newInputStream/newOutputStream} share the channel's blocking lock, so a blocked read would
 * stall every write.
 */
final class ChannelTransport implements Transport {
    private final SocketChannel channel;

    ChannelTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        do {
            n = channel.read(target);
        } while (n == 0);
        return n;
    }

    /**
     * A channel closes itself when a thread writing to it is interrupted ({@code InterruptibleChannel}): one caller's
     * interrupt (a flow asked to stop) would end the monitor's connection for every caller, and with it the undo that
     * resumes a stopped guest (LabReprotectTest). So the caller's interrupt is held back for the write and restored
     * after it; the caller sees it at its next wait.
     */
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
            while (source.hasRemaining()) {
                channel.write(source);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may be gone already
        }
    }
}
