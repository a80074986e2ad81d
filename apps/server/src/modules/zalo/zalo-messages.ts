import type { ReportStatus } from '@dltt/contracts';

/**
 * What a citizen reads in Zalo, in one place: the status words of a report (the same the citizen app shows) and
 * the OA text of each kind. ZNS messages carry only the template data below; their wording lives in the
 * templates the province gets approved by Zalo (docs/OPERATIONS.md lists the parameters).
 */
export const REPORT_STATUS_VI: Record<ReportStatus, string> = {
  submitted: 'Đã gửi',
  accepted: 'Đã tiếp nhận',
  in_progress: 'Đang xử lý',
  resolved: 'Đã xử lý, chờ công bố',
  published: 'Đã có kết quả',
  rejected: 'Không tiếp nhận',
  reopened: 'Mở lại',
};

/** A transfer puts the report back to `submitted` at the new agency; "Đã gửi" would read as nothing happened. */
const TRANSFERRED_VI = 'Đã chuyển cho đơn vị khác xử lý';

const statusText = (content: { status: ReportStatus; transferred: boolean }) =>
  content.transferred ? TRANSFERRED_VI : REPORT_STATUS_VI[content.status];

const APP_NAME = 'Đắk Lắk Trực Tuyến';
/** ZNS parameters are short fields; a longer note is cut with an ellipsis. */
const NOTE_MAX = 90;

export type MessageContent =
  | {
      kind: 'report_status';
      reportCode: string;
      status: ReportStatus;
      /** The event was a transfer to another agency (the status went back to `submitted`). */
      transferred: boolean;
      note: string | null;
    }
  | { kind: 'queue_soon'; ticket: string; peopleAhead: number }
  | { kind: 'queue_called'; ticket: string; counter: number | null };

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The `template_data` of a ZNS message; the parameter names are the ones the templates must declare. */
export function znsTemplateData(content: MessageContent): Record<string, string | number> {
  switch (content.kind) {
    case 'report_status':
      return {
        report_code: content.reportCode,
        status: statusText(content),
        note: content.note ? clip(content.note, NOTE_MAX) : 'Không có',
      };
    case 'queue_soon':
      return { ticket: content.ticket, people_ahead: content.peopleAhead };
    case 'queue_called':
      return { ticket: content.ticket, counter: content.counter ?? '' };
  }
}

/** The text of an OA message. */
export function oaText(content: MessageContent): string {
  switch (content.kind) {
    case 'report_status': {
      const note = content.note ? ` Ghi chú: ${clip(content.note, 300)}` : '';
      return `Phản ánh ${content.reportCode}: ${statusText(content)}.${note} Xem chi tiết trong ứng dụng ${APP_NAME}.`;
    }
    case 'queue_soon':
      return content.peopleAhead > 0
        ? `Số ${content.ticket} của bạn sắp đến lượt: còn ${content.peopleAhead} người phía trước. Vui lòng có mặt gần quầy.`
        : `Số ${content.ticket} của bạn sắp đến lượt. Vui lòng có mặt gần quầy.`;
    case 'queue_called':
      return content.counter === null
        ? `Mời số ${content.ticket} đến quầy giao dịch.`
        : `Mời số ${content.ticket} đến quầy số ${content.counter}.`;
  }
}
