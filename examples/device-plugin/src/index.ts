export { BoundedExponentialDevice } from './bounded-exponential-device.js';
export { BoundedExponentialDeviceModel, STEEPNESS } from './bounded-exponential-device-model.js';
export { registerExampleDevice } from './register-example-device.js';
