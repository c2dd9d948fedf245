import { Module } from '@nestjs/common';
import { HomePageController } from './home.page.controller';

/** The pages that belong to no feature: home (each role's start page), accessibility, privacy. */
@Module({
  controllers: [HomePageController],
})
export class WebModule {}
