/**
 * AWS secret access key shape: 40 base64 characters mixing upper case, lower case and digits. A random key lacks one
 * of the three with negligible probability, while hex digests (SHA-1 is 40 hex characters) lack upper case.
 */
export function awsSecretAccessKey(value: string): boolean {
  return /^[A-Za-z0-9/+]{40}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
}
