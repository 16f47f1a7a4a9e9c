import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelLoadError, loadModel, sha256Hex, type LoadProgress } from './loader';

const BASE = 'https://glassbox.test/app/models/';
const MODEL = 'mnist_cnn';
const cardText = readFileSync(new URL(`../../models/${MODEL}.json`, import.meta.url), 'utf8');
const card = JSON.parse(cardText) as { file: string; sizeBytes: number; sha256: string };
const onnx = new Uint8Array(readFileSync(new URL(`../../models/${card.file}`, import.meta.url)));

/** Chunk size of the fake network: the 37,794-byte model arrives in 10 chunks. */
const CHUNK = 4096;

/** A 200 response whose body streams `bytes` in CHUNK-sized pieces, like a real download. */
function streamed(bytes: Uint8Array): Response {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
  return new Response(body, { status: 200 });
}

type Route = () => Response | Promise<Response>;

const urlOf = (input: RequestInfo | URL) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

/** Serves the real card and model from BASE; `overrides` replace responses by file name. */
function serve(overrides: Record<string, Route> = {}) {
  const routes: Record<string, Route> = {
    [`${MODEL}.json`]: () => new Response(cardText, { status: 200 }),
    [card.file]: () => streamed(onnx),
    ...overrides,
  };
  const fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = urlOf(input);
    const name = url.startsWith(BASE) ? url.slice(BASE.length) : '';
    const route = routes[name];
    return Promise.resolve(route ? route() : new Response('not found', { status: 404 }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The ModelLoadError a load fails with (fails the test if it resolves or throws something else). */
async function loadError(): Promise<ModelLoadError> {
  const error: unknown = await loadModel(BASE, MODEL).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelLoadError);
  const e = error as ModelLoadError;
  expect(e.model).toBe(MODEL);
  expect(e.name).toBe('ModelLoadError');
  return e;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('sha256Hex', () => {
  it('matches known digests', async () => {
    // FIPS 180-2 test vectors.
    expect(await sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('loadModel', () => {
  it('loads the card and the verified bytes, reporting progress up to the full size', async () => {
    const fetchMock = serve();
    const progress: LoadProgress[] = [];
    const loaded = await loadModel(BASE, MODEL, (p) => progress.push(p));

    expect(fetchMock.mock.calls.map(([url]) => urlOf(url))).toEqual([
      `${BASE}${MODEL}.json`,
      `${BASE}${card.file}`,
    ]);
    expect(loaded.card.name).toBe(MODEL);
    expect(loaded.card.sha256).toBe(card.sha256);
    expect(loaded.bytes.byteLength).toBe(card.sizeBytes);
    expect(loaded.bytes).toEqual(onnx);

    // One report per chunk, growing, always against the card's size, ending at 100 %.
    expect(progress).toHaveLength(Math.ceil(card.sizeBytes / CHUNK));
    expect(progress.every((p) => p.total === card.sizeBytes)).toBe(true);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.loaded).toBeGreaterThan(progress[i - 1]!.loaded);
    }
    expect(progress[0]).toEqual({ loaded: CHUNK, total: card.sizeBytes });
    expect(progress.at(-1)).toEqual({ loaded: card.sizeBytes, total: card.sizeBytes });
  });

  it("reports a missing card (404) as 'missing'", async () => {
    serve({ [`${MODEL}.json`]: () => new Response('', { status: 404 }) });
    const e = await loadError();
    expect(e.kind).toBe('missing');
    expect(e.message).toContain('404');
    expect(e.message).toContain(`${MODEL}.json`);
  });

  it("reports a missing .onnx (404) as 'missing'", async () => {
    serve({ [card.file]: () => new Response('', { status: 404 }) });
    const e = await loadError();
    expect(e.kind).toBe('missing');
    expect(e.message).toContain(card.file);
  });

  it("reports a server error (500) as 'network'", async () => {
    serve({ [card.file]: () => new Response('', { status: 500 }) });
    const e = await loadError();
    expect(e.kind).toBe('network');
    expect(e.message).toContain('500');
  });

  it("reports a truncated .onnx as 'corrupt', with both byte counts", async () => {
    const truncated = onnx.slice(0, 30_000);
    serve({ [card.file]: () => streamed(truncated) });
    const e = await loadError();
    expect(e.kind).toBe('corrupt');
    expect(e.message).toContain('30000 bytes');
    expect(e.message).toContain(String(card.sizeBytes));
  });

  it("reports a file longer than its card as 'corrupt', progress never above 100 %", async () => {
    const longer = new Uint8Array(onnx.byteLength + 10);
    longer.set(onnx);
    serve({ [card.file]: () => streamed(longer) });
    const progress: LoadProgress[] = [];
    const error: unknown = await loadModel(BASE, MODEL, (p) => progress.push(p)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as ModelLoadError).kind).toBe('corrupt');
    expect(progress.every((p) => p.loaded <= p.total)).toBe(true);
    // The download stops at the first chunk past the card's size; progress never passes it.
    expect(progress.at(-1)!.loaded).toBeLessThanOrEqual(card.sizeBytes);
    expect((error as ModelLoadError).message).toContain(String(card.sizeBytes));
  });

  it("reports one flipped byte as 'corrupt', naming sha256", async () => {
    const tampered = onnx.slice();
    tampered[20_000] = tampered[20_000]! ^ 0x01;
    serve({ [card.file]: () => streamed(tampered) });
    const e = await loadError();
    expect(e.kind).toBe('corrupt');
    expect(e.message).toContain('sha256');
    // The expected digest's prefix is quoted, so a user can compare it with the card.
    expect(e.message).toContain(card.sha256.slice(0, 12));
  });

  it("reports a card that fails the schema as 'corrupt', without fetching the model", async () => {
    const bad = { ...JSON.parse(cardText), sha256: 'not-a-digest' } as unknown;
    const fetchMock = serve({
      [`${MODEL}.json`]: () => new Response(JSON.stringify(bad), { status: 200 }),
    });
    const e = await loadError();
    expect(e.kind).toBe('corrupt');
    expect(e.message).toContain('sha256');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("reports a card that is not JSON as 'corrupt'", async () => {
    serve({
      [`${MODEL}.json`]: () => new Response('<!doctype html><p>index</p>', { status: 200 }),
    });
    const e = await loadError();
    expect(e.kind).toBe('corrupt');
  });

  it("reports fetch throwing (offline) as 'network'", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const e = await loadError();
    expect(e.kind).toBe('network');
    expect(e.message).toContain('Failed to fetch');
    expect(e.message).toContain(`${BASE}${MODEL}.json`);
  });
});
