/**
 * What a name in Python code says about the value it holds. Names are split into words
 * (snake_case, camelCase, dots, brackets) and words are compared, not substrings: a substring
 * test would call `mapping` a PIN and `encode` a code, and fail items on harmless code.
 */

/** Splits `self.resetToken`, `API_KEY`, `form['new_password']` into lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * A word marks a secret when it starts or ends with a secret stem (`authtoken`, `apikey`,
 * `sessionid`), so that names written without separators still count; short stems that are
 * parts of common words (`key`board, en`code`, map`pin`g) count only as whole words.
 */
const SECRET_WORD =
  /^(token|passw|pwd|secret|salt|nonce|otp|session|csrf|xsrf)|(token|password|passwd|pwd|secret|salt|nonce|otp|session|csrf|xsrf)s?$|key$|^(code|pin|reset|sid)$/;

/** True when a name says its value must be unguessable (token, password, key, salt, OTP...). */
export function isSecretName(name: string): boolean {
  return words(name).some((word) => SECRET_WORD.test(word));
}

const TIMING_WORD =
  /^(jitter|backoff|delay|delays|sleep|wait|retry|retries|timeout|interval|latency|pause|throttle|sleep_time)$/;

/** True for names of durations and retry timing, where `random` is the right tool. */
export function isTimingName(name: string): boolean {
  return words(name).some((word) => TIMING_WORD.test(word));
}

/** True when a name mentions a password (`password`, `passwd`, `pwd`, `pw`, `passphrase`). */
export function isPasswordName(name: string): boolean {
  return words(name).some((word) => /^pw$|passw|pwd|passphrase/.test(word));
}

const LOGGED_SECRET_WORD =
  /^(pw|pwd|passwd|password|passwords|passphrase|secret|secrets|token|tokens|apikey|credential|credentials)$|password$|token$|secret$/;
/**
 * Words next to a secret word that say the value is about the secret, not the secret itself:
 * `token_count`, `max_tokens`, `password_policy`, `is_token_valid`, `secret_name`; or that the
 * "token" is no credential at all: a page marker (`next_token`, `starting_token`,
 * `continuation_token`), a semaphore's (`acquire_token`), a cancellation token.
 */
const ABOUT_WORD =
  /^(count|counts|num|number|len|length|size|max|min|limit|used|usage|type|types|id|ids|index|idx|url|uri|endpoint|expiry|expires|expiration|expire|exp|ttl|path|file|filename|name|names|field|fields|header|prefix|lifetime|timeout|valid|invalid|is|has|policy|required|enabled|changed|strength|rotation|format|kind|source|pos|position|offset|start|end|line|col|column|bucket|provider|manager|store|parser|lexer|stream|cache|next|starting|continuation|page|pagination|paging|cursor|acquire|release|semaphore|cancel|cancellation)$/;

/** True when a logged name holds a password, token, secret or API key itself. */
export function isLoggedSecretName(name: string): boolean {
  const parts = words(name);
  if (parts.some((word) => ABOUT_WORD.test(word))) return false;
  if (parts.some((word) => LOGGED_SECRET_WORD.test(word))) return true;
  // `api_key`, `apiKey`: two words that only together name a secret.
  return parts.some((word, index) => word === 'api' && parts[index + 1] === 'key');
}
