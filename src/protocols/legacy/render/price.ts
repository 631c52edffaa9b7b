// Price: Amount, CurrencyCode, FormattedPrice ("$10,000.00"), as boto 2 parses it (amount as a float).
import { el, leaf, type XNode } from "./xml";

/** "10000.00" → "$10,000.00". */
export function formattedPrice(amount: string): string {
  const [whole, fraction = "00"] = amount.split(".");
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction.padEnd(2, "0")}`;
}

export function price(name: string, amount: string): XNode {
  return el(name, leaf("Amount", amount), leaf("CurrencyCode", "USD"), leaf("FormattedPrice", formattedPrice(amount)));
}
