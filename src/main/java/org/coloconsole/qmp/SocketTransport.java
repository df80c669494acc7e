package org.coloconsole.qmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * TCP through {@link Socket} (it has a connect timeout and TCP_NODELAY, and its streams do not share a lock), plain
 * or TLS.
 *
 * <p>Over TLS every write is followed by a second TLS record holding one newline: QEMU 7.2 (before its TLS channel
 * learnt to check for data GnuTLS had already buffered) reads a record only when the socket becomes readable again, so
 * a lone command would sit unanswered until the next one arrived. QMP skips whitespace between messages, and a QEMU
 * without that defect ignores the newline. Closing shuts the plain socket first: a TLS close would try to send
 * close_notify and could wait behind a blocked writer, while {@link Transport#close()} must unblock a read at once.
 */
final class SocketTransport implements Transport {
    private static final byte[] NUDGE = {'\n'};

    private final Socket plain;
    private final Socket stream;
    private final InputStream in;
    private final OutputStream out;
    private final boolean nudge;

    private SocketTransport(Socket plain, Socket stream, boolean nudge) throws IOException {
        this.plain = plain;
        this.stream = stream;
        this.in = stream.getInputStream();
        this.out = stream.getOutputStream();
        this.nudge = nudge;
    }

    static SocketTransport plain(Socket socket) throws IOException {
        return new SocketTransport(socket, socket, false);
    }

    static SocketTransport tls(Socket plain, SSLSocket tls) throws IOException {
        return new SocketTransport(plain, tls, true);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return in.read(buffer, offset, length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
        if (nudge) {
            // a separate write is a separate record: see the class comment
            out.write(NUDGE, 0, NUDGE.length);
            out.flush();
        }
    }

    @Override
    public void close() {
        closeQuietly(plain);
        if (stream != plain) {
            // the plain socket is closed already: close_notify cannot be sent, which QMP does not need
            closeQuietly(stream);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may be gone already
        }
    }
}
