// A staff member's API session for journeys that set things up without clicking through every screen.

export class StaffApi {
  private cookie = '';
  private csrf = '';
  private readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async login(username: string, password: string): Promise<this> {
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    this.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  /** Calls `/api/v1<path>` and returns the JSON answer; any status other than 2xx throws with the body. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Posts a file as the raw body (a planning import) and returns the JSON answer; other than 2xx throws. */
  async upload<T = unknown>(path: string, data: Buffer, contentType: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': contentType },
      body: new Uint8Array(data),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** Reads `/api/v1<path>` as bytes (photos); any status other than 200 throws. */
  async bytes(path: string): Promise<Buffer> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { headers: { cookie: this.cookie } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /**
   * Creates a staff member as this (admin) session does, then lets them replace the first password at their first
   * sign-in, as the console makes them: afterwards `password` opens a session that can work.
   */
  async addStaff(user: {
    username: string;
    password: string;
    fullName: string;
    role: string;
    agencyId?: string | null;
  }): Promise<{ id: string }> {
    const first = `${user.password}-first`;
    const created = await this.call<{ id: string }>('POST', '/staff-users', { ...user, password: first });
    const own = await new StaffApi(this.baseUrl).login(user.username, first);
    await own.call('POST', '/auth/password', { currentPassword: first, newPassword: user.password });
    return created;
  }

  /** The People's Committee of a commune (GSO code). */
  async communeCommittee(communeCode: string): Promise<string> {
    const page = await this.call<{ items: { id: string }[] }>(
      'GET',
      `/agencies?communeCode=${communeCode}&kind=commune_committee`,
    );
    const agency = page.items[0];
    if (!agency) throw new Error(`no People's Committee for ${communeCode}`);
    return agency.id;
  }
}
