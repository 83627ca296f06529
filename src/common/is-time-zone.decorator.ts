import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidTimeZone } from './time-zone.js';

/** An IANA time zone the runtime knows, such as Asia/Bishkek. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value) => typeof value === 'string' && isValidTimeZone(value),
        defaultMessage: (args) =>
          `${args?.property} must be an IANA time zone such as Asia/Bishkek`,
      },
    },
    options,
  );
}
