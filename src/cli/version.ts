// The version `railyard --version` prints: package.json's, inlined by the build (only this field).
import { version } from '../../package.json';

export const VERSION: string = version;
