import { InvalidArgumentError } from 'commander'

export function parseInteger(name: string, min = 0) {
  return (value: string): number => {
    const n = Number(value)
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}.`)
    }
    return n
  }
}
