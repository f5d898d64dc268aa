import { describe, expect, it } from 'vitest';
import {
  isLoggedSecretName,
  isPasswordName,
  isSecretName,
  isTimingName,
  words,
} from '../../../src/analysis/python/names.js';

describe('words', () => {
  it.each([
    ['self.resetToken', ['self', 'reset', 'token']],
    ['API_KEY', ['api', 'key']],
    ["form['new_password']", ['form', 'new', 'password']],
    ['HTTPServerKey2', ['http', 'server', 'key2']],
  ])('%j → %j', (name, expected) => {
    expect(words(name)).toEqual(expected);
  });
});

describe('isSecretName', () => {
  it.each([
    ['token', true],
    ['reset_token', true],
    ['authtoken', true],
    ['apikey', true],
    ['session_id', true],
    ['sessionid', true],
    ['otp', true],
    ['PIN', true],
    ['verification_code', true],
    ['salt', true],
    ['csrf', true],
    ['new_password', true],
    ['mapping', false],
    ['encode', false],
    ['keyboard', false],
    ['keys', false],
    ['shipping', false],
    ['delay', false],
    ['items', false],
  ])('%j → %j', (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe('isTimingName', () => {
  it.each([
    ['jitter', true],
    ['retry_delay', true],
    ['backoff', true],
    ['sleep', true],
    ['token', false],
    ['token_delay', true],
  ])('%j → %j', (name, expected) => {
    expect(isTimingName(name)).toBe(expected);
  });
});

describe('isPasswordName', () => {
  it.each([
    ['password', true],
    ['user.passwd', true],
    ['pwd', true],
    ['pw', true],
    ['new_passphrase', true],
    ['hashed_pw', true],
    ['power', false],
    ['body', false],
  ])('%j → %j', (name, expected) => {
    expect(isPasswordName(name)).toBe(expected);
  });
});

describe('isLoggedSecretName', () => {
  it.each([
    ['password', true],
    ['client_secret', true],
    ['access_token', true],
    ['accessToken', true],
    ['api_key', true],
    ['apiKey', true],
    ['credentials', true],
    ['reset_token', true],
    ['token_count', false],
    ['max_tokens', false],
    ['password_policy', false],
    ['is_token_valid', false],
    ['secret_name', false],
    ['token_type', false],
    ['username', false],
    ['key', false],
  ])('%j → %j', (name, expected) => {
    expect(isLoggedSecretName(name)).toBe(expected);
  });
});
