import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { OpenlerError, type ErrorCode } from '../../common/errors.js';
import { detectFormat, documentText, maxDocumentBytes, type DocumentInput } from './index.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** Asserts documentText rejects with an OpenlerError of that code whose message starts with the label. */
async function rejects(input: DocumentInput, code: ErrorCode, label: string, pattern?: RegExp): Promise<OpenlerError> {
  let caught: unknown;
  try {
    await documentText(input);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof OpenlerError, `expected an OpenlerError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.details.field, 'file');
  assert.ok(caught.message.startsWith(`${label}: `), caught.message);
  if (pattern) assert.match(caught.message, pattern);
  return caught;
}

// ---- fixtures built here, not committed ----

interface PdfPage {
  lines: string[];
  compress?: boolean;
}

/** A small valid PDF: one page per entry, each line in Helvetica (a standard Type 1 font), with a correct xref table. */
function makePdf(pages: PdfPage[]): Uint8Array {
  const bodies: Array<string | Buffer> = [];
  const add = (body: string | Buffer) => bodies.push(body);
  const catalog = add('');
  const pagesId = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    const escaped = page.lines.map((line) => line.replace(/[\\()]/g, (char) => `\\${char}`));
    const operators = ['BT', '/F1 12 Tf', '14 TL', '72 720 Td', ...escaped.map((line, i) => `${i === 0 ? '' : 'T* '}(${line}) Tj`), 'ET'].join('\n');
    const data = page.compress ? deflateSync(Buffer.from(operators, 'latin1')) : Buffer.from(operators, 'latin1');
    const filter = page.compress ? ' /Filter /FlateDecode' : '';
    const stream = add(Buffer.concat([Buffer.from(`<< /Length ${data.length}${filter} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  bodies[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  bodies[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`;

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.from(body as string | Buffer), Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xrefOffset = length;
  const xref = [`xref\n0 ${bodies.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${bodies.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  const pdf = Buffer.concat([...chunks, Buffer.from(xref + trailer, 'latin1')]);
  // The fixture is honest: every xref offset points at its object (PDF.js would otherwise rebuild the table quietly).
  offsets.forEach((offset, i) => assert.equal(pdf.toString('latin1', offset, offset + String(i + 1).length + 6), `${i + 1} 0 obj`));
  assert.equal(pdf.toString('latin1', xrefOffset, xrefOffset + 4), 'xref');
  return new Uint8Array(pdf);
}

const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${w} ${mc}><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A minimal DOCX: content types, the package relationship and word/document.xml. */
function makeDocx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(documentXml(body)),
  };
  for (const [name, content] of Object.entries(extra)) files[name] = strToU8(content);
  return zipSync(files);
}

const paragraph = (...runs: string[]) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${runs.join('')}</w:p>`;
const run = (inner: string) => `<w:r><w:rPr><w:b/></w:rPr>${inner}</w:r>`;
const t = (text: string) => `<w:t xml:space="preserve">${text}</w:t>`;

/** Deterministic noise (a linear congruential generator). */
function noise(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

// ---- tests ----

describe('documentText: plain text', () => {
  it('returns UTF-8 text as is, with CRLF turned into LF and a BOM dropped', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café Python\r\nSQL, *not* markdown\r\n\ttabbed')]);
    assert.deepEqual(await documentText({ bytes, filename: 'cv.txt' }), { text: 'Café Python\nSQL, *not* markdown\n\ttabbed', format: 'text' });
  });
  it('reads UTF-16 little- and big-endian text with a BOM', async () => {
    const text = 'Gestion de projet — Kubernetes\r\nÉquipe 🚀';
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    const expected = { text: 'Gestion de projet — Kubernetes\nÉquipe 🚀', format: 'text' };
    assert.deepEqual(await documentText({ bytes: le }), expected);
    assert.deepEqual(await documentText({ bytes: be, filename: 'notes.txt' }), expected);
  });
  it('decodes a declared legacy charset when the bytes are not UTF-8', async () => {
    const bytes = latin1('Café crème');
    assert.deepEqual(await documentText({ bytes, contentType: 'text/plain; charset=ISO-8859-1' }), { text: 'Café crème', format: 'text' });
    await rejects({ bytes, filename: 'menu.txt' }, 'unsupported_media_type', 'menu.txt', /UTF-8/);
  });
  it('returns empty text for empty bytes, in the hinted format', async () => {
    assert.deepEqual(await documentText({ bytes: new Uint8Array(0) }), { text: '', format: 'text' });
    assert.deepEqual(await documentText({ bytes: new Uint8Array(0), filename: 'empty.pdf' }), { text: '', format: 'pdf' });
    assert.deepEqual(await documentText({ bytes: new Uint8Array(0), contentType: 'text/html' }), { text: '', format: 'html' });
  });
});

describe('documentText: Markdown', () => {
  it('removes the markup and keeps one line per input line', async () => {
    const markdown = [
      '# Senior *Data* Engineer #',
      '',
      'Build pipelines with **Apache Spark**, __Kafka__ and ~~Hadoop~~ [dbt](https://www.getdbt.com/docs_(v1) "dbt").',
      '- Write `snake_case_names` and `**literal**` code',
      '  * nested _item_ with snake_case_words',
      '1. Deploy on <abbr>AWS</abbr> &amp; GCP ![diagram](img/arch.png)',
      '- [x] Done: see [the guide][guide] or <https://example.com>',
      '> Quoted \\*not emphasis\\*',
      '',
      '```python',
      '# a comment, not a heading',
      'x = [a](b) | **c**',
      '```',
      '',
      '| Skill | Level |',
      '|-------|:-----:|',
      '| Python | Expert \\| lead |',
      '| `a|b` | Good |',
      '',
      'Setext title',
      '============',
      '***',
      '[guide]: https://example.com/guide',
      'Line with a break  ',
    ].join('\r\n');
    const { text, format } = await documentText({ bytes: utf8(markdown), filename: 'JOB.MD' });
    assert.equal(format, 'markdown');
    assert.deepEqual(text.split('\n'), [
      'Senior Data Engineer',
      '',
      'Build pipelines with Apache Spark, Kafka and Hadoop dbt.',
      'Write snake_case_names and **literal** code',
      'nested item with snake_case_words',
      'Deploy on AWS & GCP diagram',
      'Done: see the guide or https://example.com',
      'Quoted *not emphasis*',
      '',
      '',
      '# a comment, not a heading',
      'x = [a](b) | **c**',
      '',
      '',
      'Skill Level',
      '',
      'Python Expert | lead',
      'a|b Good',
      '',
      'Setext title',
      '',
      '',
      '',
      'Line with a break',
    ]);
  });
  it('is chosen by content type, and by extension over a generic text/plain', () => {
    const bytes = utf8('# Title');
    assert.equal(detectFormat({ bytes, contentType: 'text/markdown; charset=utf-8' }), 'markdown');
    assert.equal(detectFormat({ bytes, filename: 'README.markdown', contentType: 'text/plain' }), 'markdown');
    assert.equal(detectFormat({ bytes, filename: 'README.md', contentType: 'text/html' }), 'html');
    assert.equal(detectFormat({ bytes, contentType: 'text/plain' }), 'text');
    assert.equal(detectFormat({ bytes }), 'text');
  });
});

describe('documentText: HTML', () => {
  it('keeps the visible text: no head, script, style or hidden elements; blocks and <br> end lines; entities decoded', async () => {
    const html = `<!DOCTYPE html>
      <html><head><title>Page title</title><meta charset="utf-8">
      <style>body { color: red }</style><script>var skills = "COBOL";</script></head>
      <body>
        <h1>Full&#8209;stack   developer &amp; mentor</h1>
        <p>Knows <b>React</b>,
           <i>Node.js</i>&nbsp;and&nbsp;SQL<br>Speaks&#x20;English &lt;fluently&gt;</p>
        <script type="module">import "x";</script>
        <noscript>Enable JavaScript</noscript>
        <div hidden>Secret skill</div><span aria-hidden="true">icon</span>
        <ul><li>Docker<li>Kubernetes</ul>
        <table><tr><th>Tool</th><th>Years</th></tr><tr><td>Git</td><td>5</td></tr></table>
        <pre>  indented
  code</pre>
        <p>caf&eacute; &copy; 2024</p>
      </body></html>`;
    const { text, format } = await documentText({ bytes: utf8(html), filename: 'profile.html' });
    assert.equal(format, 'html');
    assert.equal(
      text,
      [
        'Full\u2011stack developer & mentor',
        'Knows React, Node.js and SQL',
        'Speaks English <fluently>',
        'Docker',
        'Kubernetes',
        'Tool Years',
        'Git 5',
        '  indented',
        '  code',
        'café © 2024',
      ].join('\n'),
    );
  });
  it('recognises a page without hints, and by content type or .htm', async () => {
    assert.equal(detectFormat({ bytes: utf8('\n<!doctype html><p>x</p>') }), 'html');
    assert.equal(detectFormat({ bytes: utf8('<p>x</p>'), filename: 'a.htm' }), 'html');
    assert.equal(detectFormat({ bytes: utf8('<p>x</p>'), contentType: 'application/xhtml+xml' }), 'html');
    assert.equal(detectFormat({ bytes: utf8('a <p> tag in prose') }), 'text');
    assert.deepEqual(await documentText({ bytes: utf8('<p>Rust</p><p>Go</p>'), contentType: 'text/html' }), { text: 'Rust\nGo', format: 'html' });
  });
});

describe('documentText: DOCX', () => {
  const body = [
    paragraph(run(t('Hel')), run(t('lo &amp; welcome')), run('<w:tab/>'), run(t('&lt;tabbed&gt;'))),
    paragraph(run(`${t('Line one')}<w:br/>${t('Line two')}`)),
    paragraph(),
    paragraph(run(t('Skills: Python, SQL'))),
    paragraph(run('<w:fldChar w:fldCharType="begin"/>'), run('<w:instrText> HYPERLINK "x" </w:instrText>'), run(t('Linked text'))),
    paragraph(run('<w:delText>Deleted</w:delText>'), `<w:ins>${run(t('Inserted'))}</w:ins>`),
    paragraph(
      run(
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>' +
          paragraph(run(t('In a text box'))) +
          '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>' +
          paragraph(run(t('In a text box'))) +
          '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>',
      ),
    ),
    '<w:tbl><w:tr><w:tc>' + paragraph(run(t('Cell A'))) + '</w:tc><w:tc>' + paragraph(run(t('Cell B'))) + '</w:tc></w:tr></w:tbl>',
  ].join('');

  it('reads the paragraphs of word/document.xml: runs, tabs, breaks, entities', async () => {
    const { text, format } = await documentText({ bytes: makeDocx(body) });
    assert.equal(format, 'docx');
    assert.equal(text, ['Hello & welcome\t<tabbed>', 'Line one', 'Line two', '', 'Skills: Python, SQL', 'Linked text', 'Inserted', 'In a text box', '', 'Cell A', 'Cell B'].join('\n'));
  });
  it('is recognised by its content, whatever the name or content type says', () => {
    const bytes = makeDocx(paragraph(run(t('x'))));
    assert.equal(detectFormat({ bytes }), 'docx');
    assert.equal(detectFormat({ bytes, filename: 'cv.txt', contentType: 'text/plain' }), 'docx');
  });
  it('reads a PDF named .docx as a PDF', async () => {
    const bytes = makePdf([{ lines: ['Really a PDF'] }]);
    assert.deepEqual(await documentText({ bytes, filename: 'cv.docx' }), { text: 'Really a PDF', format: 'pdf' });
  });
});

describe('documentText: PDF', () => {
  it('reads the text of every page, lines as lines and pages apart', async () => {
    const bytes = makePdf([{ lines: ['Experienced in Python (Django) and SQL', 'Café management \\ ops'] }, { lines: ['Second page: Terraform'], compress: true }]);
    const { text, format } = await documentText({ bytes, filename: 'resume.pdf' });
    assert.equal(format, 'pdf');
    assert.equal(text, 'Experienced in Python (Django) and SQL\nCafé management \\ ops\n\nSecond page: Terraform');
  });
  it('leaves the caller’s bytes intact (PDF.js detaches what it is given)', async () => {
    const bytes = Buffer.from(makePdf([{ lines: ['Kept'] }]));
    const before = bytes.length;
    assert.equal((await documentText({ bytes })).text, 'Kept');
    assert.equal(bytes.length, before);
    assert.equal(bytes.toString('latin1', 0, 5), '%PDF-');
  });
  it('is recognised by its magic bytes before any hint', () => {
    assert.equal(detectFormat({ bytes: makePdf([{ lines: ['x'] }]), filename: 'notes.md', contentType: 'text/html' }), 'pdf');
  });
});

describe('documentText: hostile input stays fast', () => {
  /** Runs fn and asserts it took less than `ms`: the inputs below took minutes while a scan was quadratic. */
  function within<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    return fn().then((result) => {
      const took = performance.now() - start;
      assert.ok(took < ms, `took ${Math.round(took)} ms`);
      return result;
    });
  }
  const megabyte = 1024 * 1024;
  const fill = (unit: string, length = megabyte) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

  it('strips Markdown in linear time on one huge line', async () => {
    const lines = [
      fill('['),
      `# a${fill(' ')}x`,
      `**${fill('a')}`,
      `~~${fill('a')}`,
      fill('<!--'),
      `<a@${fill('b.')}`,
      fill('`a ``'),
      `a|b\n|-|-|\n${fill('|`')}`,
      fill('*a _b '),
    ];
    for (const line of lines) {
      const { format } = await within(3000, () => documentText({ bytes: utf8(line), filename: 'hostile.md' }));
      assert.equal(format, 'markdown');
    }
    const { text } = await documentText({ bytes: utf8(`${fill('word ', 100_000)}**bold** [link](u)`), filename: 'long.md' });
    assert.ok(text.endsWith('word bold link'), text.slice(-40));
  });
  it('reads HTML and DOCX nested far deeper than any real document, in linear time', async () => {
    const html = `${'<span>'.repeat(300_000)}deep text${'<b>'.repeat(300_000)}<p>after</p>`;
    const { text } = await within(3000, () => documentText({ bytes: utf8(html), contentType: 'text/html' }));
    assert.equal(text, 'deep text\nafter');
    const hidden = `<div hidden>${'<i>'.repeat(100)}secret${'</i>'.repeat(100)}</div><p>${'<em>'.repeat(1000)}shown`;
    assert.equal((await documentText({ bytes: utf8(hidden), filename: 'a.html' })).text, 'shown');
    const docx = makeDocx(`${paragraph(run(t('top')))}<w:p>${'<w:customXml>'.repeat(300_000)}${run(t('deep'))}</w:p>`);
    const result = await within(3000, () => documentText({ bytes: docx }));
    assert.equal(result.text, 'top\ndeep');
  });
});

describe('documentText: bad input', () => {
  it('throws only OpenlerError, whatever the caller passes', async () => {
    const odd = { bytes: utf8('hello'), filename: 42, contentType: {} } as unknown as DocumentInput;
    assert.deepEqual(await documentText(odd), { text: 'hello', format: 'text' });
    await rejects({ bytes: 'not bytes' } as unknown as DocumentInput, 'bad_request', 'the document');
    await rejects(undefined as unknown as DocumentInput, 'bad_request', 'the document');
    assert.equal(detectFormat(undefined as unknown as DocumentInput), undefined);
  });
  it('refuses a document over the size limit', async () => {
    assert.equal(maxDocumentBytes, 10 * 1024 * 1024);
    const error = await rejects({ bytes: new Uint8Array(maxDocumentBytes + 1), filename: 'huge.txt' }, 'payload_too_large', 'huge.txt', /larger than the 10 MiB limit \(10485761 bytes\)/);
    assert.equal(error.details.limit, maxDocumentBytes);
    assert.equal((await documentText({ bytes: new Uint8Array(maxDocumentBytes).fill(0x61) })).text.length, maxDocumentBytes);
  });
  it('refuses a PNG, whatever its name', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.equal(detectFormat({ bytes: png, filename: 'photo.txt' }), undefined);
    await rejects({ bytes: png, filename: 'photo.txt' }, 'unsupported_media_type', 'photo.txt', /PNG image/);
    await rejects({ bytes: png }, 'unsupported_media_type', 'the document', /PNG image/);
  });
  it('refuses random binary, NUL bytes and invalid UTF-8', async () => {
    const blob = noise(4096);
    assert.equal(detectFormat({ bytes: blob }), undefined);
    await rejects({ bytes: blob, filename: 'blob.bin' }, 'unsupported_media_type', 'blob.bin', /neither UTF-8 text/);
    await rejects({ bytes: utf8('text\u0000with NUL'), filename: 'nul.txt' }, 'unsupported_media_type', 'nul.txt', /NUL bytes/);
    await rejects({ bytes: new Uint8Array([0x41, 0x01, 0x02, 0x03, 0x04, 0x42]) }, 'unsupported_media_type', 'the document', /control characters/);
    await rejects({ bytes: new Uint8Array([0x63, 0x61, 0x66, 0xc3, 0x28]), filename: 'bad.md' }, 'unsupported_media_type', 'bad.md', /UTF-8/);
    await rejects({ bytes: new Uint8Array([0xff, 0xfe, 0x41]) }, 'unsupported_media_type', 'the document', /UTF-16/);
    await rejects({ bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), filename: 'old.docx' }, 'unsupported_media_type', 'old.docx', /legacy Office/);
  });
  it('refuses a truncated or broken PDF as unprocessable', async () => {
    const pdf = makePdf([{ lines: ['Never read'] }]);
    await rejects({ bytes: pdf.slice(0, Math.floor(pdf.length / 2)), filename: 'cut.pdf' }, 'unprocessable', 'cut.pdf', /PDF/);
    await rejects({ bytes: utf8('%PDF-1.7\nnot really a pdf') }, 'unprocessable', 'the document', /PDF/);
    await rejects({ bytes: utf8('plain words'), contentType: 'application/pdf' }, 'unprocessable', 'the document', /PDF/);
  });
  it('refuses a ZIP that is not a DOCX as unsupported', async () => {
    const zip = zipSync({ 'notes/readme.txt': strToU8('hello'), 'data.csv': strToU8('a,b') });
    assert.equal(detectFormat({ bytes: zip, filename: 'fake.docx' }), undefined);
    await rejects({ bytes: zip, filename: 'fake.docx' }, 'unsupported_media_type', 'fake.docx', /ZIP archive without word\/document\.xml/);
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    await rejects({ bytes: xlsx }, 'unsupported_media_type', 'the document', /Excel workbook/);
  });
  it('refuses a truncated or broken DOCX as unprocessable', async () => {
    const docx = makeDocx(paragraph(run(t('Never read'))));
    const cut = docx.slice(0, docx.length - 40);
    assert.equal(detectFormat({ bytes: cut }), 'docx');
    await rejects({ bytes: cut, filename: 'cut.docx' }, 'unprocessable', 'cut.docx', /DOCX/);
    // Cut before word/document.xml is named: only the name says DOCX, so it is a broken DOCX; unnamed, an unreadable ZIP.
    const head = docx.slice(0, 30);
    await rejects({ bytes: head, filename: 'head.docx' }, 'unprocessable', 'head.docx', /DOCX/);
    await rejects({ bytes: head }, 'unsupported_media_type', 'the document', /unreadable ZIP/);
    // word/document.xml that is not WordprocessingML.
    const notWord = zipSync({ 'word/document.xml': strToU8('just text') });
    await rejects({ bytes: notWord, filename: 'odd.docx' }, 'unprocessable', 'odd.docx', /not a WordprocessingML document/);
  });
  it('refuses a DOCX whose word/document.xml would unpack beyond the guard', async () => {
    const docx = makeDocx(paragraph(run(t('bomb'))));
    const view = Buffer.from(docx);
    // Patch the declared uncompressed size in the central directory entry of word/document.xml.
    const name = Buffer.from('word/document.xml', 'latin1');
    let entry = -1;
    for (let at = view.indexOf('PK\x01\x02', 0, 'latin1'); at !== -1; at = view.indexOf('PK\x01\x02', at + 4, 'latin1')) {
      if (view.subarray(at + 46, at + 46 + name.length).equals(name)) entry = at;
    }
    assert.ok(entry > 0);
    view.writeUInt32LE(200 * 1024 * 1024, entry + 24);
    await rejects({ bytes: new Uint8Array(view), filename: 'bomb.docx' }, 'payload_too_large', 'bomb.docx', /unpacks to more than 64 MiB/);
  });
});
