/** The store of uploads and runs behind the browser's imports: size limit, ownership, format by content. */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ImportStore, UploadTooLargeError } from '../../src/modules/imports/import-store.js';

let store: ImportStore;
beforeAll(async () => {
  store = await ImportStore.create({ uploadLimit: 1024 });
});
afterAll(async () => {
  await store.close();
});

describe('import store', () => {
  test('keeps an upload for its owner only, and tells a workbook by its content', async () => {
    const csv = await store.saveUpload(7, 'households.xlsx', Readable.from([Buffer.from('Mã hộ\nA1\n')]));
    expect(csv).toMatchObject({ name: 'households.xlsx', size: 12, format: 'csv' });
    expect(store.upload(7, csv.id)?.path).toBe(csv.path);
    expect(store.upload(8, csv.id)).toBeUndefined();
    const zip = await store.saveUpload(7, 'book', Readable.from([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0])]));
    expect(zip.format).toBe('xlsx');
  });

  test('refuses an upload over the limit and keeps nothing of it', async () => {
    await expect(store.saveUpload(7, 'big.csv', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]))).rejects.toBeInstanceOf(UploadTooLargeError);
  });
});
