import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { startServer, type RunningServer } from './server.js';

interface Json { [key: string]: unknown }

describe('extraction over HTTP', () => {
  let server: RunningServer;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { response, body: (await response.json()) as Json };
  };
  before(async () => {
    server = await startServer();
  });
  after(async () => server.close());

  it('extracts skills with confidence and evidence spans', async () => {
    const text = 'Seeking a nurse with CPR certification and EHR experience; strong written and verbal communication.';
    const { response, body } = await post('/v1/extract', { text });
    assert.equal(response.status, 200);
    const skills = body.data as Array<{ name: string; confidence: number; spans: Array<{ start: number; end: number; text: string }> }>;
    const names = skills.map((skill) => skill.name);
    assert.ok(names.includes('Electronic Health Records (EHR)'), names.join(', '));
    assert.ok(names.includes('Written Communication') && names.includes('Verbal Communication'), names.join(', '));
    for (const skill of skills) {
      assert.ok(skill.confidence >= 0.5 && skill.confidence <= 1);
      for (const span of skill.spans) assert.equal(text.slice(span.start, span.end), span.text);
    }
    for (let i = 1; i < skills.length; i += 1) assert.ok((skills[i - 1]?.confidence ?? 0) >= (skills[i]?.confidence ?? 0));
  });

  it('answers empty text with no skills, oversize text with 413, bad input with 400', async () => {
    assert.deepEqual((await post('/v1/extract', { text: '' })).body.data, []);
    const big = await post('/v1/extract', { text: 'x '.repeat(600_000) });
    assert.equal(big.response.status, 413);
    assert.equal((await post('/v1/extract', { text: 'SQL', confidenceThreshold: 2 })).body.field, 'body.confidenceThreshold');
    assert.equal((await post('/v1/extract', { nope: 1 })).response.status, 400);
    // A JSON body's types are its own: a number is not text, a string is not a number.
    const numberText = await post('/v1/extract', { text: 123 });
    assert.equal(numberText.response.status, 400);
    assert.equal(numberText.body.field, 'body.text');
    assert.equal((await post('/v1/extract', { text: 'SQL', confidenceThreshold: '0.3' })).response.status, 400);
    // A query string is text, so its numbers and booleans are read from it.
    const query = await fetch(`${server.url}/v1/skills?q=python&limit=2`);
    assert.equal(query.status, 200);
    assert.equal(((await query.json()) as { data: unknown[] }).data.length, 2);
  });

  it('extracts in batches, in order', async () => {
    const { body } = await post('/v1/extract/batch', { documents: [{ id: 'a', text: 'Kubernetes and Docker' }, { id: 'b', text: '' }, { id: 'c', text: 'Forklift operation' }] });
    const data = body.data as Array<{ id: string; skills: Array<{ name: string }> }>;
    assert.deepEqual(data.map((entry) => entry.id), ['a', 'b', 'c']);
    assert.ok(data[0]?.skills.some((skill) => skill.name === 'Kubernetes'));
    assert.deepEqual(data[1]?.skills, []);
    assert.ok(data[2]?.skills.some((skill) => /Forklift/.test(skill.name)));
  });

  it('spreads a large batch over worker threads with the same answers as one by one', async () => {
    const texts = ['Kubernetes and Docker on AWS', 'CPR and first aid', 'Forklift operation in a warehouse', 'Managed budgets and payroll'];
    const documents = Array.from({ length: 400 }, (_, i) => ({ id: `d${i}`, text: `${texts[i % texts.length]} ${'and teamwork '.repeat(20)}` }));
    const batch = (await post('/v1/extract/batch', { documents })).body.data as Array<{ id: string; skills: Array<{ id: string; confidence: number }> }>;
    assert.deepEqual(batch.map((entry) => entry.id), documents.map((document) => document.id));
    for (const index of [0, 1, 2, 3, 399]) {
      const single = (await post('/v1/extract', { text: documents[index]?.text })).body.data as Array<{ id: string; confidence: number }>;
      assert.deepEqual(batch[index]?.skills.map((skill) => [skill.id, skill.confidence]), single.map((skill) => [skill.id, skill.confidence]));
    }
  });

  it('extracts from uploaded documents and refuses unreadable ones, naming them', async () => {
    const upload = async (body: Uint8Array | string, contentType: string, filename: string) => {
      const response = await fetch(`${server.url}/v1/extract/file?filename=${encodeURIComponent(filename)}`, { method: 'POST', headers: { 'content-type': contentType }, body });
      return { response, body: (await response.json()) as Json };
    };
    const html = await upload('<html><head><style>p{}</style><script>var Kubernetes;</script></head><body><p>We use <b>Docker</b> &amp; SQL.</p></body></html>', 'text/html', 'posting.html');
    assert.equal(html.response.status, 200);
    const htmlNames = (html.body.data as Array<{ name: string }>).map((skill) => skill.name);
    assert.ok(htmlNames.includes('Docker') && htmlNames.includes('SQL'), htmlNames.join(', '));
    assert.ok(!htmlNames.includes('Kubernetes'), 'script text is not document text');
    assert.equal((html.body.meta as Json).format, 'html');
    const documentXml = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Registered nurse with CPR and EHR experience.</w:t></w:r></w:p></w:body></w:document>';
    const docx = zipSync({ '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), 'word/document.xml': strToU8(documentXml) });
    const fromDocx = await upload(docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'resume.docx');
    assert.equal(fromDocx.response.status, 200);
    assert.ok((fromDocx.body.data as Array<{ name: string }>).some((skill) => skill.name === 'Electronic Health Records (EHR)'));
    const png = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'application/octet-stream', 'photo.png');
    assert.equal(png.response.status, 415);
    assert.match(String(png.body.detail), /photo\.png/);
    const broken = await upload(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25]), 'application/pdf', 'broken.pdf');
    assert.equal(broken.response.status, 422);
    assert.match(String(broken.body.detail), /broken\.pdf/);
  });

  it('takes a file posted as a form (multipart/form-data), with its own name and type, offsets in its own text', async () => {
    const post = async (form: FormData) => {
      const response = await fetch(`${server.url}/v1/extract/file`, { method: 'POST', body: form });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const text = 'Line cook with ServSafe certification and knife skills.\r\n';
    const form = new FormData();
    form.append('note', 'not the file');
    form.append('file', new Blob([text], { type: 'text/plain' }), 'posting.txt');
    const answer = await post(form);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const meta = answer.body.meta as Json;
    assert.equal(String(meta.text).trim(), text.trim(), 'the text is the file, not the form around it');
    assert.doesNotMatch(String(meta.text), /Content-Disposition|form-data/);
    for (const skill of answer.body.data as Array<{ spans: Array<{ start: number; end: number; text: string }> }>) {
      for (const span of skill.spans) assert.equal(String(meta.text).slice(span.start, span.end), span.text);
    }
    const docxForm = new FormData();
    const documentXml = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Registered nurse with CPR and EHR experience.</w:t></w:r></w:p></w:body></w:document>';
    const docx = zipSync({ '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), 'word/document.xml': strToU8(documentXml) });
    docxForm.append('upload', new Blob([docx]), 'resume.docx');
    const fromDocx = await post(docxForm);
    assert.equal(fromDocx.status, 200, JSON.stringify(fromDocx.body));
    assert.equal((fromDocx.body.meta as Json).format, 'docx');
    const noFile = new FormData();
    noFile.append('a', 'one');
    noFile.append('b', 'two');
    const refused = await post(noFile);
    assert.equal(refused.status, 400);
    assert.match(String(refused.body.detail), /field named "file"/);
  });

  it('speaks the Lightcast extraction shapes', async () => {
    const plain = (await post('/skills/versions/latest/extract', { text: 'Python and SQL developer' })).body.data as Array<{ skill: Json; confidence: number }>;
    assert.ok(plain.some((entry) => String(entry.skill.name).startsWith('Python')));
    assert.deepEqual(Object.keys(plain[0]?.skill ?? {}), ['id', 'name', 'type', 'infoUrl']);
    const traced = (await post('/skills/versions/latest/extract/trace', { text: 'Python and SQL developer' })).body.data as { trace: Array<{ surfaceForm: { value: string; sourceStart: number } }> };
    assert.ok(traced.trace.some((entry) => entry.surfaceForm.value === 'SQL' && entry.surfaceForm.sourceStart === 11));
    // The text may also come as text/plain, its threshold in the query.
    const asText = await fetch(`${server.url}/skills/versions/latest/extract?confidenceThreshold=0.9`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Python and SQL developer' });
    assert.equal(asText.status, 200);
    const textSkills = ((await asText.json()) as { data: Array<{ skill: Json; confidence: number }> }).data;
    assert.deepEqual(textSkills.map((entry) => entry.skill.id), plain.filter((entry) => entry.confidence >= 0.9).map((entry) => entry.skill.id));
    assert.ok(textSkills.length > 0);
  });
});
