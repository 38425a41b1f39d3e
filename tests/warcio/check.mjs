// Reads a WARC written by a Corpus crawl with webrecorder's warcio, an independent reader.
// Usage: node check.mjs EXPECTED.json|- FILE.warc.gz...
// EXPECTED.json: [{ "uri": "...", "responseHead": "<base64>", "requestHead": "<base64>", "revisitHead": "<base64>" }]: the
// heads as the server sent and received them (a Transfer-Encoding line renamed X-Crawler-Transfer-Encoding, as Corpus
// stores de-chunked bodies); requestHead is the last request to the URI; revisitHead (optional) is a 304's head.
// Checks: every record parses (HTTP heads included), block and payload digests verify, every revisit resolves to the
// response it names (WARC-Refers-To), whose target URI, date and payload digest equal the revisit's WARC-Refers-To-*
// and WARC-Payload-Digest, and the expected heads equal the records' bytes. Prints each problem and exits 1 if any.
import { readFileSync, createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { WARCParser } from 'warcio';

const [expectedFile, ...files] = process.argv.slice(2);
const expected = expectedFile && expectedFile !== '-' ? JSON.parse(readFileSync(expectedFile, 'utf8')) : [];
const problems = [];

const base32 = (bytes) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff; bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
};
const sha1 = (bytes) => 'sha1:' + base32(createHash('sha1').update(bytes).digest());

// Pass 1: warcio parses every record and its HTTP head.
let parsed = 0;
for (const file of files) for await (const record of new WARCParser(createReadStream(file), { keepHeadersCase: true })) {
  parsed++;
  const type = record.warcType;
  if (['response', 'request'].includes(type) && !record.httpHeaders) problems.push(`${type} ${record.warcTargetURI}: no HTTP head parsed`);
  if (type === 'response' && !(record.httpHeaders.statusCode >= 100)) problems.push(`response ${record.warcTargetURI}: no status code`);
  if (type === 'revisit') {
    for (const field of ['WARC-Refers-To', 'WARC-Refers-To-Target-URI', 'WARC-Refers-To-Date', 'WARC-Payload-Digest'])
      if (!record.warcHeader(field)) problems.push(`revisit ${record.warcTargetURI}: no ${field}`);
  }
  await record.readFully(false);
}

// Pass 2: the raw blocks, for digests and byte-for-byte heads.
const responseHeads = new Map(), requestHeads = new Map(), revisitHeads = new Map(), byId = new Map(), revisits = [];
let raw = 0;
for (const file of files) for await (const record of new WARCParser(createReadStream(file), { keepHeadersCase: true, parseHttp: false })) {
  raw++;
  const type = record.warcType, uri = record.warcTargetURI;
  const block = Buffer.from(await record.readFully(false));
  const blockDigest = record.warcHeader('WARC-Block-Digest');
  if (blockDigest && sha1(block) !== blockDigest) problems.push(`${type} ${uri}: block digest ${blockDigest} does not verify (${sha1(block)})`);
  byId.set(record.warcHeader('WARC-Record-ID'), { type, uri, date: record.warcHeader('WARC-Date'), payloadDigest: record.warcHeader('WARC-Payload-Digest') });
  if (type === 'revisit') {
    revisits.push({ uri, refersTo: record.warcHeader('WARC-Refers-To'), targetUri: record.warcHeader('WARC-Refers-To-Target-URI'),
      date: record.warcHeader('WARC-Refers-To-Date'), payloadDigest: record.warcHeader('WARC-Payload-Digest') });
    const end = block.indexOf('\r\n\r\n');
    if (end < 0) problems.push(`revisit ${uri}: HTTP head not terminated`);
    else revisitHeads.set(uri, block.subarray(0, end + 4));
  }
  if (type === 'response' || type === 'request') {
    const end = block.indexOf('\r\n\r\n');
    if (end < 0) { problems.push(`${type} ${uri}: HTTP head not terminated`); continue; }
    const head = block.subarray(0, end + 4), payload = block.subarray(end + 4);
    const payloadDigest = record.warcHeader('WARC-Payload-Digest');
    if (type === 'response' && payloadDigest && sha1(payload) !== payloadDigest) problems.push(`${uri}: payload digest ${payloadDigest} does not verify`);
    (type === 'response' ? responseHeads : requestHeads).set(uri, head);
  }
}
if (raw !== parsed) problems.push(`the two passes saw ${parsed} and ${raw} records`);
let resolved = 0;
for (const r of revisits) {
  const original = byId.get(r.refersTo);
  if (!original) { problems.push(`revisit ${r.uri} refers to ${r.refersTo}, not in these files`); continue; }
  const before = problems.length;
  if (original.type !== 'response') problems.push(`revisit ${r.uri} refers to a ${original.type} record`);
  if (original.uri !== r.targetUri) problems.push(`revisit ${r.uri}: WARC-Refers-To-Target-URI ${r.targetUri}, the original's is ${original.uri}`);
  if (original.date !== r.date) problems.push(`revisit ${r.uri}: WARC-Refers-To-Date ${r.date}, the original's is ${original.date}`);
  if (original.payloadDigest !== r.payloadDigest) problems.push(`revisit ${r.uri}: payload digest ${r.payloadDigest}, the original's is ${original.payloadDigest}`);
  if (problems.length === before) resolved++;
}
for (const e of expected) {
  const head = responseHeads.get(e.uri), want = Buffer.from(e.responseHead, 'base64');
  if (!head) problems.push(`${e.uri}: no response record`);
  else if (!head.equals(want)) problems.push(`${e.uri}: response head differs\n--- in the WARC\n${head.toString('latin1')}--- sent\n${want.toString('latin1')}`);
  if (e.requestHead) {
    const req = requestHeads.get(e.uri), wantReq = Buffer.from(e.requestHead, 'base64');
    if (!req || !req.equals(wantReq)) problems.push(`${e.uri}: request head differs\n--- in the WARC\n${req?.toString('latin1')}--- received\n${wantReq.toString('latin1')}`);
  }
  if (e.revisitHead) {
    const rev = revisitHeads.get(e.uri), wantRev = Buffer.from(e.revisitHead, 'base64');
    if (!rev || !rev.equals(wantRev)) problems.push(`${e.uri}: revisit head differs\n--- in the WARC\n${rev?.toString('latin1')}--- sent\n${wantRev.toString('latin1')}`);
  }
}
for (const p of problems) console.log(p);
console.log(`warcio: ${parsed} records parsed, ${problems.length} problems, ${expected.length} expected heads checked, ${resolved} of ${revisits.length} revisits resolved`);
process.exit(problems.length > 0 ? 1 : 0);
