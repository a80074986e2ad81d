import { MAX_AFTER_PHOTOS } from '@dltt/contracts/constants';

/**
 * One error type for the whole server. Each code has one HTTP status and a message in Vietnamese
 * (shown to citizens and officers) and English (for `Accept-Language: en` and for logs).
 */
const CATALOG = {
  VALIDATION_FAILED: [400, 'Dữ liệu gửi lên không hợp lệ.', 'The submitted data is invalid.'],
  BAD_REQUEST: [400, 'Yêu cầu không hợp lệ.', 'Bad request.'],
  METHOD_NOT_ALLOWED: [405, 'Phương thức không được hỗ trợ.', 'Method not allowed.'],
  RANGE_NOT_SATISFIABLE: [416, 'Khoảng dữ liệu yêu cầu không hợp lệ.', 'Range not satisfiable.'],
  INVALID_JSON: [400, 'Nội dung gửi lên không đúng định dạng JSON.', 'The request body is not valid JSON.'],
  UNAUTHENTICATED: [401, 'Vui lòng đăng nhập để tiếp tục.', 'Please sign in to continue.'],
  INVALID_CREDENTIALS: [401, 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'],
  ACCOUNT_LOCKED: [
    423,
    'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.',
    'The account is locked after too many failed sign-ins. Try again later.',
  ],
  ACCOUNT_DISABLED: [403, 'Tài khoản đã bị vô hiệu hóa.', 'This account is disabled.'],
  WRONG_PASSWORD: [400, 'Mật khẩu hiện tại không đúng.', 'The current password is wrong.'],
  PASSWORD_REUSED: [
    400,
    'Mật khẩu mới phải khác mật khẩu hiện tại.',
    'The new password must differ from the current one.',
  ],
  CSRF_INVALID: [
    403,
    'Phiên làm việc không hợp lệ, vui lòng tải lại trang.',
    'Invalid request token; reload the page.',
  ],
  FORBIDDEN: [403, 'Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'],
  PASSWORD_CHANGE_REQUIRED: [
    403,
    'Bạn cần đổi mật khẩu do người khác đặt trước khi tiếp tục làm việc.',
    'Replace the password someone else set before going on.',
  ],
  NOT_FOUND: [404, 'Không tìm thấy nội dung yêu cầu.', 'Not found.'],
  ROUTE_NOT_FOUND: [404, 'Không tìm thấy địa chỉ yêu cầu.', 'No such endpoint.'],
  STAFF_USER_NOT_FOUND: [404, 'Không tìm thấy tài khoản cán bộ.', 'Staff user not found.'],
  AGENCY_NOT_FOUND: [404, 'Không tìm thấy cơ quan, đơn vị.', 'Agency not found.'],
  CATEGORY_NOT_FOUND: [404, 'Không tìm thấy lĩnh vực.', 'Category not found.'],
  COMMUNE_NOT_FOUND: [404, 'Không tìm thấy xã, phường.', 'Commune not found.'],
  USERNAME_TAKEN: [409, 'Tên đăng nhập đã được sử dụng.', 'This username is already taken.'],
  AGENCY_CODE_TAKEN: [409, 'Mã cơ quan đã tồn tại.', 'This agency code already exists.'],
  CATEGORY_CODE_TAKEN: [409, 'Mã lĩnh vực đã tồn tại.', 'This category code already exists.'],
  AGENCY_REQUIRED: [400, 'Vai trò này cần chọn cơ quan, đơn vị công tác.', 'This role needs an agency.'],
  AGENCY_INACTIVE: [400, 'Cơ quan, đơn vị này đã ngừng hoạt động.', 'This agency is inactive.'],
  CANNOT_CHANGE_SELF: [
    400,
    'Bạn không thể tự khóa hoặc tự hạ quyền tài khoản của mình.',
    'You cannot disable or demote your own account.',
  ],
  SELF_PASSWORD_RESET: [
    400,
    'Để đổi mật khẩu của chính bạn, hãy dùng chức năng Đổi mật khẩu.',
    'To change your own password, use Change password.',
  ],
  LAST_ADMIN: [
    409,
    'Phải còn ít nhất một quản trị viên đang hoạt động.',
    'At least one active administrator must remain.',
  ],
  CITIZEN_UNAUTHENTICATED: [
    401,
    'Phiên sử dụng ứng dụng đã hết hạn, vui lòng mở lại ứng dụng.',
    'Your app session is not valid; reopen the app.',
  ],
  ZALO_TOKEN_INVALID: [
    401,
    'Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn, vui lòng mở lại ứng dụng.',
    'The Zalo access token is invalid or expired; reopen the app.',
  ],
  ZALO_CODE_INVALID: [
    400,
    'Mã xác nhận từ Zalo không hợp lệ, đã hết hạn hoặc đã được dùng. Vui lòng thử lại.',
    'The Zalo code is invalid, expired or already used; try again.',
  ],
  ZALO_NOT_CONFIGURED: [
    503,
    'Chức năng đăng nhập bằng Zalo chưa được cấu hình trên hệ thống.',
    'Zalo sign-in is not configured on this server.',
  ],
  ZALO_UNAVAILABLE: [
    502,
    'Không kết nối được với Zalo, vui lòng thử lại sau ít phút.',
    'Zalo could not be reached or answered unexpectedly; try again later.',
  ],
  ZALO_IDENTITY_MISMATCH: [
    403,
    'Tài khoản Zalo này không phải tài khoản đang dùng ứng dụng. Vui lòng mở lại ứng dụng.',
    'This Zalo account is not the one signed in to the app; reopen the app.',
  ],
  ZALO_NOT_LINKED: [
    409,
    'Bạn cần đăng nhập bằng Zalo trước khi chia sẻ thông tin này.',
    'Sign in with Zalo before sharing this.',
  ],
  ZALO_PHONE_UNSUPPORTED: [
    422,
    'Số điện thoại của tài khoản Zalo không phải số di động Việt Nam.',
    'The phone number of this Zalo account is not a Vietnamese mobile number.',
  ],
  ZALO_APP_NOT_CONFIGURED: [
    409,
    'Máy chủ chưa được cấu hình mã ứng dụng và khóa bí mật Zalo (ZALO_APP_ID, ZALO_APP_SECRET) nên chưa kết nối được Official Account.',
    'ZALO_APP_ID and ZALO_APP_SECRET are not set on the server, so the Official Account cannot be connected.',
  ],
  ZALO_OA_TOKEN_REJECTED: [
    400,
    'Zalo không chấp nhận refresh token này (sai, đã dùng hoặc đã hết hạn). Vui lòng lấy token mới từ trang quản lý Official Account.',
    'Zalo rejected this refresh token (wrong, already used or expired); get a new one for the Official Account.',
  ],
  ZALO_OA_NOT_FOLLOWER: [
    409,
    'Bạn cần quan tâm (theo dõi) Official Account của tỉnh trên Zalo để nhận tin nhắn từ Official Account.',
    "Follow the province's Official Account on Zalo to get its messages.",
  ],
  ZALO_DELIVERY_NOT_FOUND: [404, 'Không tìm thấy lượt gửi thông báo Zalo.', 'Zalo delivery not found.'],
  ZALO_DELIVERY_NOT_RETRYABLE: [
    409,
    'Chỉ gửi lại được thông báo đã gửi thất bại.',
    'Only a failed delivery can be retried.',
  ],
  CATEGORY_INACTIVE: [
    400,
    'Lĩnh vực này không còn tiếp nhận phản ánh.',
    'This category no longer takes reports.',
  ],
  COMMUNE_REQUIRED: [
    400,
    'Vui lòng chọn xã, phường nơi xảy ra sự việc.',
    'Choose the commune where it happened.',
  ],
  LOCATION_OUTSIDE_PROVINCE: [
    400,
    'Vị trí đã chọn nằm ngoài địa bàn tỉnh. Vui lòng chọn lại vị trí trên bản đồ.',
    'The location is outside the province; pick it again on the map.',
  ],
  LOCATION_TOO_INACCURATE: [
    400,
    'Vị trí GPS chưa đủ chính xác (sai số trên 100 m). Vui lòng chờ thêm hoặc chọn vị trí trên bản đồ.',
    'The GPS fix is not accurate enough (over 100 m); wait or pick the place on the map.',
  ],
  IDEMPOTENCY_KEY_REUSED: [
    409,
    'Mã gửi này đã được dùng cho một yêu cầu khác (phản ánh hoặc lịch hẹn). Vui lòng gửi lại từ đầu.',
    'This submission key was already used for a different request (a report or a booking). Please start again.',
  ],
  REPORT_NOT_FOUND: [404, 'Không tìm thấy phản ánh.', 'Report not found.'],
  REPORT_TRANSITION_NOT_ALLOWED: [
    409,
    'Phản ánh đang ở trạng thái không cho phép thao tác này (có thể người khác vừa xử lý). Vui lòng tải lại.',
    'The report is not in a state that allows this (someone may have just changed it); reload.',
  ],
  AFTER_PHOTO_REQUIRED: [
    400,
    'Lĩnh vực này cần ít nhất một ảnh sau khi xử lý trước khi giải quyết.',
    'This category needs at least one after-photo before resolving.',
  ],
  DUPLICATE_TARGET_NOT_FOUND: [
    400,
    'Không tìm thấy phản ánh trùng được nêu (hoặc đó chính là phản ánh này).',
    'The report named as the original was not found (or is this same report).',
  ],
  TRANSFER_TARGET_INVALID: [
    400,
    'Cơ quan nhận chuyển không hợp lệ: không tồn tại, đã ngừng hoạt động hoặc chính là cơ quan hiện tại.',
    'The agency to transfer to does not exist, is inactive or is the current one.',
  ],
  ASSIGNEE_INVALID: [
    400,
    'Chỉ giao được cho cán bộ đang hoạt động của cơ quan xử lý phản ánh này.',
    'Reports can only be assigned to active staff of the handling agency.',
  ],
  PHOTO_NOT_OF_REPORT: [400, 'Có ảnh không thuộc phản ánh này.', 'A photo does not belong to this report.'],
  TOO_MANY_PHOTOS: [
    400,
    `Mỗi phản ánh có tối đa ${MAX_AFTER_PHOTOS} ảnh sau xử lý.`,
    `At most ${MAX_AFTER_PHOTOS} after-photos per report.`,
  ],
  FEEDBACK_NOT_ALLOWED: [
    409,
    'Chỉ đánh giá hoặc báo chưa xử lý được trong 7 ngày sau khi kết quả được công khai.',
    'Rating or "not fixed" is only possible within 7 days of the result being published.',
  ],
  ALREADY_RATED: [409, 'Bạn đã đánh giá kết quả này.', 'You already rated this result.'],
  OWN_REPORT: [400, 'Đây là phản ánh của chính bạn.', 'This is your own report.'],
  TEMPLATE_NOT_FOUND: [404, 'Không tìm thấy mẫu trả lời.', 'Response template not found.'],
  API_KEY_INVALID: [
    403,
    'Thiếu api_key hoặc api_key không hợp lệ, đã bị thu hồi.',
    'The api_key is missing, invalid or revoked.',
  ],
  SERVICE_NOT_FOUND: [404, 'Không có dịch vụ (lĩnh vực) với mã này.', 'No service with this service_code.'],
  SERVICE_CODE_INVALID: [
    400,
    'service_code không hợp lệ hoặc đã ngừng.',
    'The service_code is unknown or inactive.',
  ],
  ATTRIBUTE_INVALID: [
    400,
    'Giá trị thuộc tính không hợp lệ hoặc thiếu thuộc tính bắt buộc.',
    'An attribute value is invalid or a required attribute is missing.',
  ],
  LOCATION_REQUIRED: [
    400,
    'Cần vị trí: lat và long, hoặc address_string có tên xã, phường.',
    'A location is required: lat and long, or an address_string naming the commune.',
  ],
  ADDRESS_NOT_RECOGNISED: [
    400,
    'Không nhận ra xã, phường nào của tỉnh trong address_string; hãy gửi lat và long.',
    'The address_string names no commune of the province; send lat and long.',
  ],
  DATE_RANGE_TOO_LONG: [
    400,
    'Khoảng thời gian tìm kiếm tối đa 90 ngày.',
    'The date range must not exceed 90 days.',
  ],
  TOKEN_NOT_FOUND: [404, 'Không tìm thấy token.', 'Token not found.'],
  API_CLIENT_NOT_FOUND: [404, 'Không tìm thấy ứng dụng kết nối.', 'API client not found.'],
  CENTRE_NOT_FOUND: [404, 'Không tìm thấy trung tâm, bộ phận một cửa.', 'Service centre not found.'],
  CENTRE_CODE_TAKEN: [409, 'Mã trung tâm đã tồn tại.', 'This centre code already exists.'],
  FIELD_NOT_FOUND: [404, 'Trung tâm không phục vụ lĩnh vực này.', 'The centre does not serve this field.'],
  FIELD_NOT_SERVED: [
    400,
    'Lĩnh vực này hiện không có quầy phục vụ nên chưa đặt lịch được.',
    'No counter serves this field at the moment; it cannot be booked.',
  ],
  COUNTER_FIELD_UNKNOWN: [
    400,
    'Quầy phục vụ một lĩnh vực không có trong cấu hình.',
    'A counter names an unknown field.',
  ],
  CENTRE_CLOSED: [400, 'Trung tâm không làm việc vào ngày này.', 'The centre is closed on this day.'],
  SLOT_INVALID: [
    400,
    'Giờ hẹn không đúng với lịch làm việc của trung tâm.',
    'This time is not a slot of the centre.',
  ],
  SLOT_IN_PAST: [400, 'Giờ hẹn này đã qua, vui lòng chọn giờ khác.', 'This slot is in the past.'],
  SLOT_OUT_OF_RANGE: [
    400,
    'Chỉ đặt được lịch trong các ngày làm việc sắp tới được hiển thị.',
    'Slots can only be booked within the days offered.',
  ],
  SLOT_FULL: [409, 'Khung giờ này đã hết chỗ, vui lòng chọn giờ khác.', 'This slot is full; choose another.'],
  BOOKING_LIMIT_PER_DAY: [
    409,
    'Bạn đã có lịch hẹn cho lĩnh vực này trong ngày đó.',
    'You already have a booking for this field on that day.',
  ],
  BOOKING_LIMIT_FUTURE: [
    409,
    'Bạn đã có 3 lịch hẹn sắp tới; hãy hủy bớt trước khi đặt thêm.',
    'You already have 3 upcoming bookings; cancel one first.',
  ],
  BOOKING_BLOCKED: [
    403,
    'Bạn đã vắng mặt 3 lần trong 30 ngày nên tạm thời không đặt lịch được; bạn vẫn có thể bốc số trực tiếp tại trung tâm.',
    'After 3 missed appointments in 30 days, booking is paused for 14 days; you can still take a number at the centre.',
  ],
  BOOKING_NOT_FOUND: [404, 'Không tìm thấy lịch hẹn.', 'Booking not found.'],
  BOOKING_CHANGE_TOO_LATE: [
    409,
    'Chỉ hủy hoặc đổi lịch được đến 30 phút trước giờ hẹn.',
    'Bookings can be cancelled or moved until 30 minutes before.',
  ],
  BOOKING_NOT_ACTIVE: [
    409,
    'Lịch hẹn này đã hủy hoặc đã sử dụng.',
    'This booking is cancelled or already used.',
  ],
  CHECK_IN_TOO_EARLY: [
    409,
    'Chưa đến giờ lấy số: bạn có thể lấy số từ 30 phút trước giờ hẹn.',
    'Too early: check-in opens 30 minutes before the appointment.',
  ],
  CHECK_IN_WRONG_DAY: [
    409,
    'Lịch hẹn này không phải hôm nay. Bạn hãy xem lại ngày hẹn, hoặc chọn "Lấy số thứ tự" để được xếp lượt ngay.',
    'This booking is not for today. Check its date, or choose "Take a number" to join the queue now.',
  ],
  COUNTER_NOT_FOUND: [404, 'Không tìm thấy quầy.', 'Counter not found.'],
  COUNTER_NOT_SIGNED_IN: [
    409,
    'Bạn chưa nhận quầy nào; hãy chọn quầy làm việc.',
    'Sign in to a counter first.',
  ],
  COUNTER_TAKEN: [409, 'Quầy này đang có cán bộ khác làm việc.', 'Another officer works at this counter.'],
  QUEUE_EMPTY: [409, 'Không còn ai đang chờ ở các lĩnh vực của quầy.', 'Nobody is waiting for this counter.'],
  NO_CURRENT_TICKET: [409, 'Quầy chưa gọi số nào.', 'The counter has no called ticket.'],
  TICKET_NOT_FOUND: [404, 'Không tìm thấy số thứ tự.', 'Ticket not found.'],
  CENTRE_NOT_OPEN_NOW: [
    409,
    'Trung tâm đang ngoài giờ làm việc. Bạn có thể lấy số từ xa trong giờ làm việc.',
    'The centre is not open now. Numbers can be taken from the phone during opening hours.',
  ],
  REMOTE_FIELD_CLOSED: [
    409,
    'Lĩnh vực này không nhận lấy số từ xa. Bạn hãy đặt lịch hẹn hoặc lấy số tại trung tâm.',
    'This field does not give numbers from the phone. Book an appointment or take a number at the centre.',
  ],
  REMOTE_CAP_REACHED: [
    409,
    'Hôm nay lĩnh vực này đã hết số lấy từ xa. Bạn vẫn có thể lấy số tại trung tâm.',
    'No more numbers from the phone today for this field. You can still take one at the centre.',
  ],
  REMOTE_ALREADY_HOLDING: [
    409,
    'Bạn đang giữ một số lấy từ xa tại trung tâm này. Mỗi người chỉ giữ một số mỗi lúc.',
    'You already hold a number from the phone at this centre. One number per person at a time.',
  ],
  REMOTE_TICKET_ENDED: [
    409,
    'Số thứ tự này đã được gọi xong hoặc đã hết hiệu lực.',
    'This number has already been dealt with or is no longer valid.',
  ],
  ROUTING_RULE_EXISTS: [
    409,
    'Đã có quy tắc chuyển cho lĩnh vực và địa bàn này.',
    'A routing rule for this category and commune already exists.',
  ],
  ROUTING_RULE_NOT_FOUND: [404, 'Không tìm thấy quy tắc chuyển xử lý.', 'Routing rule not found.'],
  PHOTO_TYPE_NOT_ALLOWED: [
    415,
    'Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.',
    'Only JPEG, PNG, WebP or HEIC photos are accepted.',
  ],
  PHOTO_UNREADABLE: [
    400,
    'Không đọc được ảnh này, vui lòng chụp hoặc chọn ảnh khác.',
    'This photo cannot be read.',
  ],
  PHOTO_NOT_FOUND: [404, 'Không tìm thấy ảnh.', 'Photo not found.'],
  PHOTOS_INVALID: [
    400,
    'Có ảnh không hợp lệ hoặc đã được gửi kèm phản ánh khác. Vui lòng tải ảnh lên lại.',
    'A photo is unknown or already used by another report; upload it again.',
  ],
  CALENDAR_DAY_NOT_FOUND: [
    404,
    'Ngày này không có trong lịch ngày nghỉ.',
    'This day is not in the calendar.',
  ],
  PLANNING_DATASET_NOT_FOUND: [404, 'Không tìm thấy bộ dữ liệu quy hoạch.', 'Planning dataset not found.'],
  PLANNING_PARCEL_NOT_FOUND: [
    404,
    'Không tìm thấy thửa đất với số tờ, số thửa này.',
    'No parcel with this map sheet and parcel number.',
  ],
  PLANNING_VIEWPORT_TOO_LARGE: [
    422,
    'Vùng bản đồ quá rộng, vui lòng phóng to.',
    'The map area is too large for this zoom; zoom in.',
  ],
  LAND_USE_CODE_NOT_FOUND: [404, 'Không tìm thấy mã loại đất.', 'Land-use code not found.'],
  LAND_USE_CODE_EXISTS: [409, 'Mã loại đất này đã có.', 'This land-use code already exists.'],
  LAND_USE_CODE_IN_USE: [
    409,
    'Mã loại đất đang được dùng trong quy hoạch đã công bố, không xóa được.',
    'The land-use code is used by published planning data and cannot be deleted.',
  ],
  PAYLOAD_TOO_LARGE: [413, 'Dữ liệu gửi lên quá lớn.', 'The request is too large.'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Định dạng dữ liệu không được hỗ trợ.', 'Unsupported content type.'],
  RATE_LIMITED: [
    429,
    'Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.',
    'Too many requests; try again in a few minutes.',
  ],
  TRY_AGAIN: [
    503,
    'Hệ thống đang bận, vui lòng thử lại sau giây lát.',
    'The request collided with a concurrent change; try again in a moment.',
  ],
  STORAGE_UNAVAILABLE: [
    503,
    'Kho lưu trữ ảnh đang tạm thời gián đoạn, vui lòng thử lại sau ít phút.',
    'The photo storage is unavailable for the moment; try again in a few minutes.',
  ],
  DATABASE_UNAVAILABLE: [
    503,
    'Hệ thống đang tạm gián đoạn kết nối dữ liệu, vui lòng thử lại sau ít phút. Nội dung bạn đã gửi trước đó vẫn được lưu.',
    'The database cannot be reached right now; try again in a few minutes. What you sent before is kept.',
  ],
  SHUTTING_DOWN: [503, 'Hệ thống đang khởi động lại, vui lòng thử lại.', 'The server is restarting; retry.'],
  INTERNAL: [
    500,
    'Hệ thống gặp sự cố, vui lòng thử lại sau.',
    'Something went wrong on our side; try again later.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof CATALOG;
export type Lang = 'vi' | 'en';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown) {
    super(CATALOG[code][2]);
    this.name = 'AppError';
    this.code = code;
    this.status = CATALOG[code][0];
    this.details = details;
  }

  messageIn(lang: Lang): string {
    return messageFor(this.code, lang);
  }
}

export function messageFor(code: ErrorCode, lang: Lang): string {
  return lang === 'en' ? CATALOG[code][2] : CATALOG[code][1];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(CATALOG, value);
}
