import type { Customer } from '@digitalpaye/client';
import type { Messages } from '../messages.js';

/** Renders a created customer as a few aligned lines for a terminal. */
export function formatCustomer(customer: Customer, t: Messages): string {
  const rows: [string, string][] = [
    ['id', customer.id],
    ['name', `${customer.firstName} ${customer.lastName}`],
    ['email', customer.email],
    ['phone', customer.phoneNumber],
    [
      'address',
      `${customer.address.streetAddress}, ${customer.address.city} (${customer.address.countryCode})`,
    ],
    ['created', customer.createdAt],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  return `${t.customerCreated}\n${lines.join('\n')}\n`;
}
