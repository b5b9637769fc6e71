import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AppError,
  AUTH_ERROR_CODES,
  CurrentPrincipal,
  type Principal,
  ROLES,
  Roles,
} from '@simpul/platform';
import { ChangeOfferHandler } from '../../application/offer/change-offer.handler';
import { PublishDraftHandler } from '../../application/offer/publish-draft.handler';
import { GetOfferQuery } from '../../application/offer/get-offer.query';
import { ChangeOfferRequestDto } from './dto/change-offer.request.dto';
import { ListOffersQuery, type OfferPage } from '../../application/offer/list-offers.query';
import { ListOffersQueryDto } from './dto/list-offers.query.dto';
import { PublishOfferHandler } from '../../application/offer/publish-offer.handler';
import { WithdrawOfferHandler } from '../../application/offer/withdraw-offer.handler';
import { StatusChangeRequestDto } from './dto/register-producer.request.dto';
import type { SupplyOffer } from '../../domain/offer/supply-offer';
import { CreateOfferRequestDto } from './dto/create-offer.request.dto';
import { type AllocationView, OfferDeliveries } from '../../application/offer/offer-deliveries';

@ApiTags('offers')
@Controller('offers')
export class OffersController {
  constructor(
    private readonly publishOffer: PublishOfferHandler,
    private readonly getOffer: GetOfferQuery,
    private readonly withdrawOffer: WithdrawOfferHandler,
    private readonly listOffers: ListOffersQuery,
    private readonly changeOffer: ChangeOfferHandler,
    private readonly publishDraft: PublishDraftHandler,
    private readonly deliveries: OfferDeliveries,
  ) {}

  @Patch(':id')
  @Roles('producer', 'btc-operator')
  @ApiOperation({
    summary: 'Change an open offer (a producer only its own); emits catalog.offer.changed',
  })
  async change(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeOfferRequestDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SupplyOffer> {
    return this.changeOffer.execute(
      id,
      {
        quantityAmount: body.quantityAmount,
        unitPriceIdr: body.unitPriceIdr,
        availableUntil: body.availableUntil ? new Date(body.availableUntil) : undefined,
      },
      actor,
    );
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Offers, newest first, filtered, with cursor pagination' })
  async list(
    @Query() query: ListOffersQueryDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<OfferPage> {
    // Drafts are listed only on request, and to their producer or the hub's operators.
    const hub = actor.role === 'btc-operator' || actor.role === 'platform-admin';
    if (
      query.status === 'draft' &&
      !hub &&
      !(actor.role === 'producer' && query.producerId === actor.tenantId)
    ) {
      throw new AppError(
        AUTH_ERROR_CODES.forbidden,
        'drafts are visible to their producer and BTC operators only',
        403,
      );
    }
    return this.listOffers.execute({
      ...query,
      availableAt: query.availableAt ? new Date(query.availableAt) : undefined,
      limit: query.limit ?? 20,
    });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('producer', 'btc-operator')
  @ApiOperation({
    summary: 'Withdraw an open offer (a producer only its own); emits catalog.offer.withdrawn',
  })
  async withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StatusChangeRequestDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SupplyOffer> {
    return this.withdrawOffer.execute(id, body.reason ?? null, actor);
  }

  @Post()
  @Roles('producer', 'btc-operator')
  @ApiOperation({ summary: 'Publish a supply offer; emits catalog.offer.published' })
  @ApiCreatedResponse({ description: 'The published offer' })
  async create(
    @Body() body: CreateOfferRequestDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SupplyOffer> {
    return this.publishOffer.execute(
      {
        ...withoutDraft(body),
        availableFrom: new Date(body.availableFrom),
        availableUntil: new Date(body.availableUntil),
        minOrderQuantity: body.minOrderQuantity ?? null,
        productionDate: body.productionDate ? new Date(body.productionDate) : null,
      },
      actor,
      body.draft ?? false,
    );
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('producer', 'btc-operator')
  @ApiOperation({ summary: 'Publish a draft offer; emits catalog.offer.published' })
  async publish(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SupplyOffer> {
    return this.publishDraft.execute(id, actor);
  }

  @Get(':id/allocations')
  @Roles('producer', 'btc-operator', 'platform-admin', 'analyst')
  @ApiOperation({
    summary: 'What was allocated from an offer, and what Jakarta received and rejected of it',
  })
  async allocations(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<AllocationView[]> {
    if (actor.role === 'producer') {
      const offer = await this.getOffer.execute(id, actor);
      if (offer.producerId !== actor.tenantId) {
        throw new AppError(
          AUTH_ERROR_CODES.forbidden,
          'these are another producer’s allocations',
          403,
        );
      }
    }
    return this.deliveries.list(id, actor);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One supply offer' })
  async findOne(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() actor: Principal,
  ): Promise<SupplyOffer> {
    return this.getOffer.execute(id, actor);
  }
}

function withoutDraft(body: CreateOfferRequestDto): Omit<CreateOfferRequestDto, 'draft'> {
  const { draft: _draft, ...terms } = body;
  return terms;
}
