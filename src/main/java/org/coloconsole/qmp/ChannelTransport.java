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

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(bytes, offset, length);
        while (source.hasRemaining()) {
            channel.write(source);
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
