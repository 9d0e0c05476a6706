package online.niso.common.pkg;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds the bytes the tar reader consumes while parsing one header (pax records, GNU long names,
 * data skipped behind non-file entries): set {@link #budget} before getNextEntry, reset after.
 */
final class HeaderGuard extends FilterInputStream {
    private final long limit;
    long budget = Long.MAX_VALUE;

    HeaderGuard(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    private void spend(long n) {
        if (budget != Long.MAX_VALUE && n > 0) {
            budget -= n;
            if (budget < 0) {
                throw new PackageRejectedException("tar header (pax record, long name or skipped data) larger than "
                        + limit + " bytes");
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        spend(b >= 0 ? 1 : 0);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        spend(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        spend(s);
        return s;
    }
}
