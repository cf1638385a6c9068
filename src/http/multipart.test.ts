import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../common/errors.js';
import { multipartBoundary, uploadedFile } from './multipart.js';

const form = (boundary: string, parts: Array<{ headers: string; bytes: Buffer }>): Buffer =>
  Buffer.concat([...parts.flatMap((part) => [Buffer.from(`--${boundary}\r\n${part.headers}\r\n\r\n`), part.bytes, Buffer.from('\r\n')]), Buffer.from(`--${boundary}--\r\n`)]);

describe('multipart/form-data uploads', () => {
  it('reads the boundary, quoted or not, and only from multipart/form-data', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary=----x1'), '----x1');
    assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(multipartBoundary('application/pdf'), undefined);
    assert.throws(() => multipartBoundary('multipart/form-data'), OpenlerError);
  });

  it('takes the file field with its name and type, bytes intact even when they contain CRLF and dashes', () => {
    const binary = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0x0d, 0x0a]);
    const body = form('XyZ', [
      { headers: 'Content-Disposition: form-data; name="note"', bytes: Buffer.from('hello') },
      { headers: 'Content-Disposition: form-data; name="file"; filename="cv.pdf"\r\nContent-Type: application/pdf', bytes: binary },
    ]);
    const file = uploadedFile(body, 'XyZ');
    assert.deepEqual(file, { bytes: binary, filename: 'cv.pdf', contentType: 'application/pdf' });
  });

  it('falls back to the part with a filename, then the only part; refuses a form without a file', () => {
    const named = form('b', [
      { headers: 'Content-Disposition: form-data; name="x"', bytes: Buffer.from('1') },
      { headers: 'Content-Disposition: form-data; name="doc"; filename="a.txt"', bytes: Buffer.from('text') },
    ]);
    assert.equal(uploadedFile(named, 'b').filename, 'a.txt');
    assert.equal(uploadedFile(form('b', [{ headers: 'Content-Disposition: form-data; name="x"', bytes: Buffer.from('only') }]), 'b').bytes.toString(), 'only');
    const noFile = form('b', [
      { headers: 'Content-Disposition: form-data; name="x"', bytes: Buffer.from('1') },
      { headers: 'Content-Disposition: form-data; name="y"', bytes: Buffer.from('2') },
    ]);
    assert.throws(() => uploadedFile(noFile, 'b'), /none is a file/);
    assert.throws(() => uploadedFile(Buffer.from('not a form'), 'b'), /no complete part/);
  });
});
