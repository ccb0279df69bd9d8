import { describe, expect, it } from 'vitest';
import { payloadHash, s3Signer } from './s3-client.ts';

// The examples of Amazon's Signature Version 4 documentation for S3 ("Examples of signature calculations",
// header-based authentication). s3rver, the S3 server the tests run against, does not check V4 signatures,
// so these known answers are what proves that the signer is set up as S3 expects (service, region,
// payload hash, single-encoded paths).
const example = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const datetime = '20130524T000000Z';

describe('Signature Version 4', () => {
  it('signs the documented GET Object example to the documented signature', async () => {
    const signed = await s3Signer(example).sign('https://examplebucket.s3.amazonaws.com/test.txt', {
      method: 'GET',
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': payloadHash(undefined) },
      aws: { datetime, allHeaders: true },
    });
    expect(signed.headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the documented PUT Object example, with a key needing percent-encoding', async () => {
    const signed = await s3Signer(example).sign('https://examplebucket.s3.amazonaws.com/test%24file.text', {
      method: 'PUT',
      headers: {
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': payloadHash('Welcome to Amazon S3.'),
      },
      body: 'Welcome to Amazon S3.',
      aws: { datetime, allHeaders: true },
    });
    expect(signed.headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, ' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });
});
