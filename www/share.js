// Share links: the text, deflate-raw compressed and base64url encoded, in the URL fragment (#t=…).

export const MAX_FRAGMENT = 32_000;

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const res = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

/** The fragment (without '#') for `text`. */
export async function encodeText(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `t=${toBase64url(packed)}`;
}

/** The text in a fragment made by `encodeText`, or null when the fragment holds none. Throws on a damaged link. */
export async function decodeFragment(hash) {
  const m = /^#?t=([A-Za-z0-9_-]*)$/.exec(hash || '');
  if (!m) return null;
  const bytes = await pipe(fromBase64url(m[1]), new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
