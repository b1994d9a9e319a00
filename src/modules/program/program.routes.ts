/** HTTP routes of the program, budget and support plans (SPEC §9), under `/api/program`. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppContext, requireActor } from '../../server/app.js';
import * as program from './program.service.js';
import * as schemas from './program.schemas.js';
import * as plans from './support-plan.service.js';

const tags = ['program'];

export const programRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;

  app.get(
    '/program/projects',
    { schema: { tags, summary: 'Dự án, tiểu dự án và cơ quan chủ trì, thực hiện theo năm', querystring: z.object({ programCode: z.string().optional(), year: z.coerce.number().int().optional() }) } },
    async (request) => program.listProgramsWithProjects(db, requireActor(request), request.query.programCode, request.query.year),
  );
  app.put(
    '/program/projects/:code/agencies',
    { schema: { tags, summary: 'Cơ quan chủ trì và thực hiện một dự án trong năm', params: schemas.projectParams, body: schemas.projectAgenciesBody } },
    async (request) => program.setProjectAgencies(db, requireActor(request), request.params.code, request.body),
  );

  app.get(
    '/program/tasks',
    { schema: { tags, summary: 'Nhiệm vụ của kế hoạch năm theo cơ quan, hạn và trạng thái', querystring: schemas.tasksQuery } },
    async (request) => program.listPlanTasks(db, requireActor(request), request.query.year, request.query.mine === 'true'),
  );
  app.patch(
    '/program/tasks/:planId/:taskId',
    { schema: { tags, summary: 'Cập nhật trạng thái một nhiệm vụ', params: schemas.taskParams, body: schemas.taskBody } },
    async (request) => program.updatePlanTask(db, requireActor(request), request.params.planId, request.params.taskId, request.body),
  );

  app.get(
    '/program/budget',
    { schema: { tags, summary: 'Dòng ngân sách của năm, tổng theo nguồn và kiểm tra vốn đối ứng', querystring: schemas.programYearQuery } },
    async (request) => program.getBudget(db, requireActor(request), request.query.programCode, request.query.year),
  );
  app.put(
    '/program/years/:programCode/:year',
    { schema: { tags, summary: 'Tỷ lệ ngân sách trung ương hỗ trợ tỉnh (chọn mức vốn đối ứng)', params: schemas.programYearParams, body: schemas.dependenceBody } },
    async (request) => program.setCentralDependence(db, requireActor(request), request.params.programCode, request.params.year, request.body.centralDependencePercent),
  );
  app.post(
    '/program/budget-lines',
    { schema: { tags, summary: 'Thêm dòng ngân sách (kế hoạch, phân bổ, giải ngân theo tháng)', body: schemas.budgetLineBody } },
    async (request, reply) => reply.status(201).send(await program.createBudgetLine(db, requireActor(request), request.body)),
  );
  app.put(
    '/program/budget-lines/:id',
    { schema: { tags, summary: 'Sửa dòng ngân sách', params: schemas.idParams, body: schemas.budgetLineUpdateBody } },
    async (request) => program.updateBudgetLine(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/program/allocation-counts',
    {
      schema: {
        tags,
        summary: 'Số hộ nghèo, cận nghèo, hộ nghèo DTTS và cờ huyện nghèo, xã nghèo theo đơn vị có hiệu lực vào ngày phân bổ',
        querystring: schemas.allocationCountsQuery,
      },
    },
    async (request) => program.allocationCounts(db, requireActor(request), request.query),
  );
  app.post(
    '/program/allocations/preview',
    { schema: { tags, summary: 'Xem trước phân bổ vốn theo điểm (không lưu)', body: schemas.allocationBody } },
    async (request) => program.previewAllocation(db, requireActor(request), request.body),
  );
  app.post(
    '/program/allocations',
    { schema: { tags, summary: 'Lưu phương án phân bổ với nghị quyết thông qua', body: schemas.allocationSaveBody } },
    async (request, reply) => reply.status(201).send(await program.saveAllocation(db, requireActor(request), request.body)),
  );
  app.get(
    '/program/allocations',
    { schema: { tags, summary: 'Các phương án phân bổ đã lưu của năm', querystring: schemas.programYearQuery } },
    async (request) => program.listAllocations(db, requireActor(request), request.query.programCode, request.query.year),
  );

  app.get(
    '/program/outputs',
    { schema: { tags, summary: 'Chỉ tiêu đầu ra theo dự án: mục tiêu và thực hiện', querystring: schemas.programYearQuery } },
    async (request) => program.listOutputIndicators(db, requireActor(request), request.query.programCode, request.query.year),
  );
  app.post(
    '/program/outputs',
    { schema: { tags, summary: 'Thêm chỉ tiêu đầu ra', body: schemas.outputBody } },
    async (request, reply) => reply.status(201).send(await program.createOutputIndicator(db, requireActor(request), request.body)),
  );
  app.put(
    '/program/outputs/:id',
    { schema: { tags, summary: 'Sửa mục tiêu, thực hiện của chỉ tiêu đầu ra', params: schemas.idParams, body: schemas.outputUpdateBody } },
    async (request) => program.updateOutputIndicator(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/program/households/:code/support-plan',
    { schema: { tags, summary: 'Kế hoạch hỗ trợ của một hộ: nhu cầu, người giúp đỡ, các hỗ trợ', params: schemas.householdParams } },
    async (request) => plans.getSupportPlan(db, requireActor(request), request.params.code),
  );
  app.put(
    '/program/households/:code/support-plan',
    { schema: { tags, summary: 'Lập kế hoạch hoặc đổi người giúp đỡ', params: schemas.householdParams, body: schemas.supportPlanBody } },
    async (request) => plans.saveSupportPlan(db, requireActor(request), request.params.code, request.body),
  );
  app.post(
    '/program/households/:code/support-plan/items',
    { schema: { tags, summary: 'Thêm một hỗ trợ vào kế hoạch', params: schemas.householdParams, body: schemas.supportItemBody } },
    async (request, reply) => reply.status(201).send(await plans.addSupportItem(db, requireActor(request), request.params.code, request.body)),
  );
  app.put(
    '/program/households/:code/support-plan/items/:id',
    { schema: { tags, summary: 'Sửa một hỗ trợ (trạng thái, ngày hoàn thành, ...)', params: schemas.householdItemParams, body: schemas.supportItemUpdateBody } },
    async (request) => plans.updateSupportItem(db, requireActor(request), request.params.code, request.params.id, request.body),
  );
  app.get(
    '/program/support-gaps',
    { schema: { tags, summary: 'Hộ nghèo, cận nghèo chưa có kế hoạch hoặc người giúp đỡ, theo xã', querystring: schemas.supportGapsQuery } },
    async (request) => plans.supportGaps(db, requireActor(request), request.query.lacking, request.query.communeCode),
  );

  app.get(
    '/program/agencies',
    { schema: { tags, summary: 'Cơ quan cấp tỉnh hoạt động vào một ngày (để chọn chủ trì, thực hiện, kết nghĩa)', querystring: schemas.agenciesQuery } },
    async (request) => program.listAgenciesInForce(db, requireActor(request), request.query.date),
  );
  app.get(
    '/program/twinnings',
    { schema: { tags, summary: 'Kết nghĩa, đỡ đầu giữa cơ quan và xã, thôn' } },
    async (request) => program.listTwinnings(db, requireActor(request)),
  );
  app.post(
    '/program/twinnings',
    { schema: { tags, summary: 'Ghi một kết nghĩa hoặc đỡ đầu', body: schemas.twinningBody } },
    async (request, reply) => reply.status(201).send(await program.createTwinning(db, requireActor(request), request.body)),
  );
};
