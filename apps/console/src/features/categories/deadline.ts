import { WORKING_HOURS_PER_DAY } from '../../app/domain';
import { formatNumber } from '../../components/format';

/** Working hours as working days, e.g. 12 -> "1,5" in Vietnamese. */
export function workingDays(hours: number): string {
  return formatNumber(hours / WORKING_HOURS_PER_DAY, 2);
}
