import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { CustomersService } from './customers.service.js';
import { CustomerQueryDto, CustomerResponseDto, CustomersQueryDto, CustomersResponseDto } from './journeys.dto.js';

@ApiTags('customers')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get()
  @ApiOperation({
    summary: 'Customers (your own customer ids from the tracking API), newest first, with leads, sales and revenue',
  })
  @ApiOkResponse({ type: CustomersResponseDto })
  list(@CreatorId() creatorId: string, @Query() query: CustomersQueryDto): Promise<CustomersResponseDto> {
    return this.customers.list(creatorId, query.limit, query.cursor);
  }

  @Get(':customerId')
  @ApiOperation({ summary: "One customer's timeline: the visits of the clicks their leads and sales belong to, across days" })
  @ApiOkResponse({ type: CustomerResponseDto })
  get(
    @CreatorId() creatorId: string,
    @Param('customerId') customerId: string,
    @Query() query: CustomerQueryDto,
  ): Promise<CustomerResponseDto> {
    return this.customers.get(creatorId, customerId, query.tz);
  }
}
