import axios, { type AxiosInstance } from 'axios';

export interface ApiResponse {
  status: number;
  data: unknown;
}

/** A thin REST client: never throws on an HTTP status, the caller decides what is acceptable. */
export class Api {
  private readonly http: AxiosInstance;

  constructor(baseURL: string) {
    this.http = axios.create({ baseURL, validateStatus: () => true, timeout: 60_000 });
  }

  async request(method: 'get' | 'post', path: string, body?: unknown, token?: string): Promise<ApiResponse> {
    const response = await this.http.request({
      method,
      url: path,
      data: body,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, data: response.data as unknown };
  }

  /** Like request, but anything but the expected statuses is an error naming the call. */
  async expect(ok: number[], method: 'get' | 'post', path: string, body?: unknown, token?: string) {
    const response = await this.request(method, path, body, token);
    if (!ok.includes(response.status)) {
      throw new Error(`${method.toUpperCase()} ${path} → ${response.status} ${JSON.stringify(response.data)}`);
    }
    return response;
  }
}
