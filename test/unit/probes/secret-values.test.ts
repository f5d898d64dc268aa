import { describe, expect, test } from 'vitest';
import { syntaxOf } from '../../../src/probes/secret-detectors.js';
import {
  isHighEntropy,
  isPlaceholderValue,
  looksGenerated,
  looksLikeIdentifier,
  secretNameStrength,
} from '../../../src/probes/secret-values.js';
import { isExampleData, isTemplateFile } from '../../../src/probes/secrets.js';

describe('secretNameStrength', () => {
  test.each([
    ['DB_PASSWORD', 'password'],
    ['password2', 'password'],
    ['client_secret', 'password'],
    ['SECRET_KEY', 'password'],
    ['signingKey', 'password'],
    ['credentials', 'password'],
    ['GITHUB_TOKEN', 'token'],
    ['authToken', 'token'],
    ['api_key', 'token'],
    ['x-api-key', 'token'],
    ['STRIPE_KEY', 'token'],
    ['Authorization', 'token'],
    ['TOKEN_URL', undefined],
    ['AUTH_USER_MODEL', undefined],
    ['PASSWORD_RESET_TIMEOUT', undefined],
    ['CACHE_KEY', undefined],
    ['public_key', undefined],
    ['key', undefined],
    ['author', undefined],
    ['bypass', undefined],
  ])('%s → %s', (name, expected) => {
    expect(secretNameStrength(name)).toBe(expected);
  });
});

describe('isPlaceholderValue', () => {
  test.each([
    ['', true],
    ['changeme', true],
    ['change-me-please', true],
    ['xxxxxxxx', true],
    ['your-api-key', true],
    ['<token>', true],
    ['${DB_PASSWORD}', true],
    ['{{ vault_password }}', true],
    ['%(password)s', true],
    ['test-password', true],
    ['dummy123', true],
    ['DB_PASSWORD', true],
    ['123e4567-e89b-12d3-a456-426614174000', true],
    ['certs/server.key', true],
    ['https://example.org/token', true],
    ['Invalid password, try again', true],
    ['short', true],
    ['hunter2222', false],
    ['latest-s3cret', false],
    ['Tr0ub4dor&3', false],
    // Found under secret-looking names in real packages: names, not values.
    ['arn:aws:iam::aws:policy/IAMUserChangePassword', true],
    ['Access-Control-Allow-Credentials', true],
    ['allowCredentials', true],
    ['AWSSecretKey', true],
    ['MyPassword', true],
    ['pipeline_definition_s3_location', true],
    ['my-app/5026-stage-150723_224258.war', true],
    ['asdfasdfasdf', true],
    ['abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', true],
    ["[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,}", true],
    ['foo', true],
    // A password people choose may hold the word and digits: still a password.
    ['Password123!', false],
    ['P@55w0rd!', false],
    ['BlueHorse7Battery', false],
  ])('%j → %s', (value, expected) => {
    expect(isPlaceholderValue(value)).toBe(expected);
  });

  test('a .env file counts short values', () => {
    expect([isPlaceholderValue('dev', 'DB_PASSWORD', 1), isPlaceholderValue('dev')]).toEqual([false, true]);
  });
});

describe('looksLikeIdentifier and looksGenerated', () => {
  test.each([
    // Identifiers and setting keys under *_KEY / *_TOKEN names (botocore, awscli, cfn-lint).
    ['fs.s3.consistent', true],
    ['fs.s3.enableServerSideEncryption', true],
    ['Ec2SubnetIds', true],
    ['Ec2KeyName', true],
    ['PublicIpv4Pools', true],
    ['ServerlessV2PlatformVersions', true],
    ['S3AccessPointAttachments', true],
    ['NextToken', true],
    // Machine-made values, even those that happen to hold a word.
    ['zPotmhNbhssRuxivoTsL9Xu8s3eVvQOwjQpbTllF', false],
    ['ad180jjd733klru7', false],
    ['q8V2xK7mR4tW', false],
    ['tk-7Hs9Dq2LmX4', false],
    ['CueejHb8FG', false],
    ['JTBRDFINRv', false],
    ['HeegdBlThu', false],
    ['Jobs[-1].JobId', false],
  ])('%s → identifier %s', (value, expected) => {
    expect(looksLikeIdentifier(value)).toBe(expected);
  });

  test.each([
    ['Ec2SubnetIds', false],
    ['fs.s3.consistent', false],
    ['Jobs[-1].JobId', false],
    ['StreamDescription.Shards[-1].ShardId', false],
    ['ad180jjd733klru7', true],
    ['q8V2xK7mR4tW', true],
    ['Zq8Xv2Lm7Rt4Wp9Kd3', true],
  ])('%s → generated %s', (value, expected) => {
    expect(looksGenerated(value)).toBe(expected);
  });
});

describe('isHighEntropy', () => {
  test.each([
    ['zPotmhNbhssRuxivoTsL9Xu8s3eVvQOwjQpbTllF', true],
    ['a7d3ef81ac9835d7a039a8a7f53420b9fdcd805336564718', true],
    ['aaaaaaaaaaaaaaaaaaaaaaaaa1', false],
    ['ThisIsAVeryLongIdentifierName', false],
    ['short1A', false],
    ['00000000000000000000000000000000', false],
    ['fs.s3.enableServerSideEncryption', false],
    ['fs.s3.cse.encryptionMaterialsProvider.uri', false],
  ])('%s → %s', (value, expected) => {
    expect(isHighEntropy(value)).toBe(expected);
  });
});

describe('file kinds', () => {
  test.each([
    ['.env', 'env', false],
    ['.env.example', 'env', true],
    ['deploy/prod.env', 'env', false],
    ['example.env', 'env', true],
    ['example.py', 'python', false],
    ['config/settings.sample.py', 'python', true],
    ['config.example.yaml', 'yaml', true],
    ['.pypirc', 'ini', false],
    ['setup.cfg', 'ini', false],
    ['pyproject.toml', 'toml', false],
    ['.netrc', 'netrc', false],
    ['Dockerfile', 'other', false],
  ])('%s: syntax %s, template %s', (path, syntax, template) => {
    expect([syntaxOf(path), isTemplateFile(path)]).toEqual([syntax, template]);
  });

  test.each([
    ['botocore/data/rds/2014-10-31/examples-1.json', true],
    ['config/example.yaml', true],
    ['samples.toml', true],
    ['example.py', false],
    ['examples/settings.json', false],
    ['paginators-1.json', false],
    ['counterexample.json', false],
  ])('%s: example data %s', (path, expected) => {
    expect(isExampleData(path)).toBe(expected);
  });
});
