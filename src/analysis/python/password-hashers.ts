/** Slow, salted password hashers, as data: the py-password-hasher rule and the prefilter read it. */

/**
 * Calls that hash or check a password with a slow, salted algorithm, by the dotted name they
 * resolve to: a hasher put to work, not only imported (`werkzeug.security` also has `safe_join`).
 */
export const PASSWORD_HASHERS =
  /^(?:bcrypt\.(?:hashpw|checkpw)|flask_bcrypt\.(?:generate_password_hash|check_password_hash|Bcrypt)|werkzeug\.security\.(?:generate_password_hash|check_password_hash)|werkzeug\.(?:generate_password_hash|check_password_hash)|django\.contrib\.auth\.hashers\.(?:make_password|check_password)|argon2\.PasswordHasher|argon2\.low_level\.hash_secret|passlib\.context\.CryptContext|passlib\.apps\.\w+|pwdlib\.PasswordHash|hashlib\.(?:pbkdf2_hmac|scrypt)|cryptography\.hazmat\.primitives\.kdf\.(?:scrypt\.Scrypt|pbkdf2\.PBKDF2HMAC|argon2\.Argon2id)|nacl\.pwhash\.\w+)$/;
/** The called names (last parts) of those: the rule's anchors and the prefilter's words. */
export const HASHER_NAMES: readonly string[] = [
  'hashpw',
  'checkpw',
  'generate_password_hash',
  'check_password_hash',
  'Bcrypt',
  'make_password',
  'check_password',
  'PasswordHasher',
  'hash_secret',
  'CryptContext',
  'PasswordHash',
  'pbkdf2_hmac',
  'scrypt',
  'Scrypt',
  'PBKDF2HMAC',
  'Argon2id',
];
