/** Characters a Content-Type or Content-Encoding needs; anything else is not worth repeating. */
const PLAIN_HEADER = /^[\w!#$%&*+.^|~\-/ ,;="]{1,120}$/

/**
 * A response header for a message: repeated as sent when it reads as plain tokens
 * (`text/html; charset=utf-8`), else only described. Messages are stored and end up
 * in the digest, so a server's `<script>` or `javascript:` must not ride along.
 */
export function headerForMessage(value: string | null | undefined): string {
  if (!value) return 'nothing'
  return PLAIN_HEADER.test(value) ? value : `an unreadable value (${value.length} characters)`
}
