/**
 * 导出 Excel beside a list: the API's own answer to the page's question as a workbook (`format=xlsx`),
 * the same tables the CLI prints, named as the API names it (不离岗晋升职级资格-截至2025-12-31.xlsx).
 */
import { useMutation } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { download } from '../api/client';
import { ProblemAlert } from './common';

export function ExportXlsxButton({ path, query, disabled }: { path: string; query: Record<string, string | undefined>; disabled?: boolean }) {
  const exporting = useMutation({
    mutationFn: () => {
      const given = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
      return download(`${path}?${new URLSearchParams([...given, ['format', 'xlsx']]).toString()}`);
    },
  });
  return (
    <Space orientation="vertical" size="small">
      <Button data-testid="export-xlsx" disabled={disabled} loading={exporting.isPending} onClick={() => exporting.mutate()}>
        导出 Excel
      </Button>
      {exporting.error && <ProblemAlert error={exporting.error} />}
    </Space>
  );
}
