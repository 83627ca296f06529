import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.options.js';

/**
 * The DataSource of the TypeORM CLI (`npm run migration:*`). It needs a real server: set
 * DATABASE_URL. The app builds its own from the same options.
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is not set: the migration commands need a PostgreSQL server');
}
export default new DataSource(dataSourceOptions(url, 2));
