import { describe, expect, test } from 'vitest';
import { syntaxOf } from '../../../src/probes/secret-detectors.js';
import { isHighEntropy, isPlaceholderValue, secretNameStrength } from '../../../src/probes/secret-values.js';
import { isTemplateFile } from '../../../src/probes/secrets.js';

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
  ])('%j → %s', (value, expected) => {
    expect(isPlaceholderValue(value)).toBe(expected);
  });

  test('a .env file counts short values', () => {
    expect([isPlaceholderValue('dev', 'DB_PASSWORD', 1), isPlaceholderValue('dev')]).toEqual([false, true]);
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
});
