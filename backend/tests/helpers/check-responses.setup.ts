import { expectNoResponseViolations } from './response-violations';

// Every REST answer a test server gives is checked against the OpenAPI document (src/http/response-check.ts):
// one that does not match fails the test that asked for it.
afterEach(expectNoResponseViolations);
