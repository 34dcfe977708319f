import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

const known = new Set(Intl.supportedValuesOf('timeZone'));
known.add('UTC');

/** IANA zone names only ("Europe/Berlin", "UTC"); offsets and abbreviations are refused. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64) return false;
  if (known.has(value)) return true;
  try {
    // aliases such as "Asia/Calcutta" are valid IANA names too
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone.includes('/');
  } catch {
    return false;
  }
}

@ValidatorConstraint({ name: 'isTimeZone' })
export class IsTimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTimeZone(value);
  }

  defaultMessage(): string {
    return 'timezone must be an IANA time zone name such as Europe/Berlin';
  }
}
