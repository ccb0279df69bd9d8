import { describe, expect, it } from 'vitest';
import { signedHeaders } from './s3-client.ts';

// The examples of Amazon's Signature Version 4 documentation for S3 ("Examples of signature calculations",
// header-based authentication): s3rver, the S3 server the tests run against, does not check V4 signatures,
// so these known answers are what proves the signing.
const example = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const at = new Date('2013-05-24T00:00:00Z');

describe('Signature Version 4', () => {
  it('signs the documented GET Object example to the documented signature', () => {
    const headers = signedHeaders(
      example,
      'GET',
      new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      Buffer.alloc(0),
      at,
      { range: 'bytes=0-9' },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the documented PUT Object example, with a key needing percent-encoding', () => {
    const headers = signedHeaders(
      example,
      'PUT',
      new URL('https://examplebucket.s3.amazonaws.com/test%24file.text'),
      Buffer.from('Welcome to Amazon S3.'),
      at,
      { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, ' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });
});
