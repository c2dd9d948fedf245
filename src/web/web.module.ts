import { Module } from '@nestjs/common';
import { HomePageController } from './home.page.controller';
import { LanguagesPageController } from './languages.page.controller';

/**
 * The pages that belong to no feature: home (each role's start page), accessibility, privacy, and
 * the review status of each language.
 */
@Module({
  controllers: [HomePageController, LanguagesPageController],
})
export class WebModule {}
