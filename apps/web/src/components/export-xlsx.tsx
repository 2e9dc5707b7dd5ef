/**
 * 导出 Excel beside a list: the API's own answer to the page's question as a workbook (`format=xlsx`),
 * the same tables the CLI prints, named as the API names it (不离岗晋升职级资格-截至2025-12-31.xlsx).
 */
import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Typography } from 'antd';
import { download } from '../api/client';
import { ProblemAlert } from './common';

export function ExportXlsxButton({ path, query, disabled }: { path: string; query: Record<string, string | undefined>; disabled?: boolean }) {
  const given = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  const url = `${path}?${new URLSearchParams([...given, ['format', 'xlsx']]).toString()}`;
  const exporting = useMutation({ mutationFn: () => download(url) });
  // A failure is of the question it was asked for: another date or filter clears it (found by a review: it stayed).
  const { reset } = exporting;
  useEffect(() => reset(), [url, reset]);
  return (
    <Space orientation="vertical" size="small">
      <Button data-testid="export-xlsx" disabled={disabled} loading={exporting.isPending} onClick={() => exporting.mutate()}>
        导出 Excel
      </Button>
      {exporting.error && (
        <div data-testid="export-xlsx-failed">
          <Typography.Text type="danger">导出 Excel 失败，未生成文件：</Typography.Text>
          <ProblemAlert error={exporting.error} />
        </div>
      )}
    </Space>
  );
}
