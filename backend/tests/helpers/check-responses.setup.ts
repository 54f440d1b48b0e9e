import { expectNoPayloadViolations } from './payload-check';
import { expectNoResponseViolations } from './response-violations';

// Every REST answer a test server gives is checked against the OpenAPI document (src/http/response-check.ts), and
// every socket payload a test's client receives against the contract's event maps (payload-check.ts): one that does
// not match fails the test that received it.
afterEach(expectNoResponseViolations);
afterEach(expectNoPayloadViolations);
afterAll(expectNoPayloadViolations);
