import { ApiError, errorMessage } from '../api/client';
import { splitErrors } from '../api/field-errors';

/** A form's errors: one per field (cleared as the field changes), and the rest for the whole form. */
export class FormErrors {
  fields = $state<Record<string, string>>({});
  other = $state<string[]>([]);

  constructor(private readonly labels: Record<string, string>) {}

  /** Shows what a failed request says; anything but an API error is a message for the whole form. */
  show(err: unknown): void {
    const split = err instanceof ApiError ? splitErrors(err.messages, this.labels) : { fields: {}, other: [errorMessage(err)] };
    this.fields = split.fields;
    this.other = split.other;
  }

  set(field: string, message: string): void {
    this.fields = { ...this.fields, [field]: message };
  }

  clear(field: string): void {
    if (!(field in this.fields)) return;
    const rest = { ...this.fields };
    delete rest[field];
    this.fields = rest;
  }

  reset(): void {
    this.fields = {};
    this.other = [];
  }
}
