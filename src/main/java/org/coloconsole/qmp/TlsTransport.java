package org.coloconsole.qmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/**
 * A monitor behind TLS. Every write is followed by a second TLS record holding one newline: QEMU 7.2 (before its TLS
 * channel learnt to check for data GnuTLS had already buffered) reads a record only when the socket becomes readable
 * again, so a lone command would sit unanswered until the next one arrived. QMP skips whitespace between messages,
 * and a QEMU without that defect ignores the newline. Closing shuts the plain socket underneath first: a TLS close would try to send close_notify
 * and could wait behind a blocked writer, while {@link Transport#close()} must unblock a pending read at once.
 */
final class TlsTransport implements Transport {
    private final Socket plain;
    private final SSLSocket tls;
    private final InputStream in;
    private final OutputStream out;
    private static final byte[] NUDGE = {'\n'};

    TlsTransport(Socket plain, SSLSocket tls) throws IOException {
        this.plain = plain;
        this.tls = tls;
        this.in = tls.getInputStream();
        this.out = tls.getOutputStream();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return in.read(buffer, offset, length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
        // a separate write is a separate record: see the class comment
        out.write(NUDGE, 0, NUDGE.length);
        out.flush();
    }

    @Override
    public void close() {
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may be gone already
        }
        try {
            tls.close();
        } catch (IOException ignored) {
            // the plain socket is closed already: close_notify cannot be sent, which QMP does not need
        }
    }
}
